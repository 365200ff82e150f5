import { getPaystackSettings } from '$domain/payments/paystack-settings';
import { removePaystackKeys } from '$domain/payments/remove-paystack-keys';
import { savePaystackKeys } from '$domain/payments/save-paystack-keys';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { settings: await loadOrError(async () => getPaystackSettings(scope)) };
};

export const actions = {
	save: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => savePaystackKeys({ ...scope, input: values }), values);
		return result && 'publicKey' in result ? { saved: true } : result;
	},
	remove: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		const result = await actionOrFail(async () => (await removePaystackKeys(scope), { removed: true as const }));
		return result;
	}
};
