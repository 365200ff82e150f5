import { redirect } from '@sveltejs/kit';
import { getInvoice } from '$domain/invoices/get-invoice';
import { totalsRows } from '$domain/invoices/invoice-pdf';
import { startPayment } from '$domain/payments/start-payment';
import { actionOrFail, clientScope, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const detail = await loadOrError(() => getInvoice({ ...scope, invoiceId: params.id }));
	return { ...detail, totals: totalsRows(detail) };
};

export const actions = {
	/** Pay now: off to the checkout (Paystack's, or the local stand-in in development). */
	pay: async ({ locals, url, params }) => {
		const scope = clientScope(locals, url);
		const result = await actionOrFail(() => startPayment({ ...scope, invoiceId: params.id }));
		if (result && 'url' in result) redirect(303, result.url);
		return result;
	}
};
