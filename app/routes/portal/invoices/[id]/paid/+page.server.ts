import { redirect } from '@sveltejs/kit';
import { getInvoice } from '$domain/invoices/get-invoice';
import { confirmPayment } from '$domain/payments/confirm-payment';
import { isProposalDeposit } from '$domain/proposals/proposal-of-contract';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Where Paystack (or the stand-in) sends the client back: ?reference=... is checked, never trusted. */
export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const result = await loadOrError(() =>
		confirmPayment({
			...scope,
			invoiceId: params.id,
			input: { reference: url.searchParams.get('reference') ?? url.searchParams.get('trxref') }
		})
	);
	if (result.outcome === 'succeeded') {
		// A proposal's deposit: back on the proposal's path, which now says "You're all set" (or what is left).
		const detail = await loadOrError(() => getInvoice({ ...scope, invoiceId: params.id }));
		if (isProposalDeposit(detail, result.instalmentId)) redirect(303, `/quotes/${detail.invoice.quoteId}/next`);
	}
	return { ...result, invoiceId: params.id };
};
