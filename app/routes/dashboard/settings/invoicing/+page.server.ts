import { getBillingSettings } from '$domain/billing/get-billing-settings';
import { createTaxRate, deleteTaxRate, updateTaxRate } from '$domain/billing/save-tax-rate';
import { updateBusinessDetails } from '$domain/billing/update-business-details';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { settings: await loadOrError(() => getBillingSettings(scope)) };
};

export const actions = {
	business: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({ form: 'business', saved: await updateBusinessDetails({ ...scope, input: values }) }),
			{ ...values, form: 'business' }
		);
	},
	addRate: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => ({ form: 'addRate', added: await createTaxRate({ ...scope, input: values }) }), {
			...values,
			form: 'addRate'
		});
	},
	updateRate: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const taxRateId = String(values.taxRateId ?? '');
		return actionOrFail(
			async () => ({ form: `rate-${taxRateId}`, updated: await updateTaxRate({ ...scope, taxRateId, input: values }) }),
			{ ...values, form: `rate-${taxRateId}` }
		);
	},
	deleteRate: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const taxRateId = String(values.taxRateId ?? '');
		return actionOrFail(
			async () => ({ form: `rate-${taxRateId}`, deleted: await deleteTaxRate({ ...scope, taxRateId }) }),
			{ form: `rate-${taxRateId}` }
		);
	}
};
