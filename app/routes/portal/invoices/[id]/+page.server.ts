import { redirect } from '@sveltejs/kit';
import { businessDetailsOf } from '$domain/billing/business-details';
import { getInvoice } from '$domain/invoices/get-invoice';
import { totalsRows } from '$domain/invoices/invoice-pdf';
import { startPayment } from '$domain/payments/start-payment';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url, params }) => {
	const scope = clientScope(locals, url);
	const detail = await loadOrError(() => getInvoice({ ...scope, invoiceId: params.id }));
	return renderedOnServer(
		{ isDataRequest },
		{ ...detail, totals: totalsRows(detail), business: businessDetailsOf(scope.workspace) }
	);
};

export const actions = {
	/** Pay now: off to the checkout (Paystack's, or the local stand-in in development). With a schedule: the chosen instalment. */
	pay: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => startPayment({ ...scope, invoiceId: params.id, input: values }), values);
		if (result && 'url' in result) redirect(303, result.url);
		return result;
	}
};
