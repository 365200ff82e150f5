import { getPublicIntakeForm } from '$domain/intake/get-public-intake-form';
import { HONEYPOT_FIELD, submitIntakeForm } from '$domain/intake/submit-intake-form';
import { actionOrFail, formObject, loadOrError, portalScope } from '$lib/server/kit';

/** A published intake form: anyone can open and submit it, signed in or not. */
export const load = async ({ locals, params }) => {
	const scope = portalScope(locals);
	return {
		intake: await loadOrError(() => getPublicIntakeForm({ ...scope, slug: params.slug })),
		honeypot: HONEYPOT_FIELD
	};
};

export const actions = {
	default: async ({ locals, params, request }) => {
		const scope = portalScope(locals);
		const values = formObject(await request.formData());
		const { [HONEYPOT_FIELD]: _trap, ...refill } = values;
		return actionOrFail(
			async () => ({
				submitted: (await submitIntakeForm({ ...scope, slug: params.slug, input: values, ip: locals.ip })).ok
			}),
			refill
		);
	}
};
