import { getPaystackSettings } from '$domain/payments/paystack-settings';
import { removePaystackKeys } from '$domain/payments/remove-paystack-keys';
import { removeStripeKeys } from '$domain/payments/remove-stripe-keys';
import { savePaystackKeys } from '$domain/payments/save-paystack-keys';
import { saveStripeKeys } from '$domain/payments/save-stripe-keys';
import { getStripeSettings } from '$domain/payments/stripe-settings';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return await loadOrError(async () => ({ settings: getPaystackSettings(scope), stripe: getStripeSettings(scope) }));
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
	},
	/** Stripe's fields are named apart from Paystack's (stripeSecretKey...) so an error lands on the right form. */
	saveStripe: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const input = { secretKey: values.stripeSecretKey, webhookSecret: values.stripeWebhookSecret };
		const result = await actionOrFail(
			async () => (await saveStripeKeys({ ...scope, input }), { stripeSaved: true as const }),
			{ form: 'stripe' }
		);
		return result;
	},
	removeStripe: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		return await actionOrFail(async () => (await removeStripeKeys(scope), { stripeRemoved: true as const }));
	}
};
