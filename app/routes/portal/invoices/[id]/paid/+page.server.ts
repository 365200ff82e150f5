import { confirmPayment } from '$domain/payments/confirm-payment';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Where Paystack (or the stand-in) sends the client back: ?reference=... is checked, never trusted. */
export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const result = await loadOrError(() => confirmPayment({ ...scope, invoiceId: params.id, input: { reference: url.searchParams.get('reference') ?? url.searchParams.get('trxref') } }));
	return { ...result, invoiceId: params.id };
};
