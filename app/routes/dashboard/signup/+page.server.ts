import { requestSignup } from '$domain/workspaces/request-signup';
import { actionOrFail, formObject } from '$lib/server/kit';

export const load = ({ locals }) => ({
	portalDomain: locals.services.config.portalDomain,
	portalExample: locals.services.urls.portal({ slug: 'your-studio' })
});

export const actions = {
	default: async ({ locals, request }) => {
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				sent: true as const,
				...(await requestSignup({ services: locals.services, input: values, ip: locals.ip }))
			}),
			values
		);
	}
};
