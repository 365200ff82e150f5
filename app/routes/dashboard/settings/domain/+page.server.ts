import { checkCustomDomain } from '$domain/custom-domains/check-custom-domain';
import { connectCustomDomain } from '$domain/custom-domains/connect-custom-domain';
import { getCustomDomain } from '$domain/custom-domains/get-custom-domain';
import { removeCustomDomain } from '$domain/custom-domains/remove-custom-domain';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { domain: await loadOrError(() => getCustomDomain(scope)) };
};

export const actions = {
	connect: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({ done: 'connected' as const, ...(await connectCustomDomain({ ...scope, input: values })) }),
			{ ...values, _action: 'connect' }
		);
	},
	check: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({ done: 'checked' as const, ...(await checkCustomDomain(scope)) }), {
			_action: 'check'
		});
	},
	remove: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({ done: 'removed' as const, ...(await removeCustomDomain(scope)) }), {
			_action: 'remove'
		});
	}
};
