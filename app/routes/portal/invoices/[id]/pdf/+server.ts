import { invoicePdf } from '$domain/invoices/invoice-pdf';
import { pdfResponse } from '$domain/files/pdf-response';
import { clientScope, loadOrError } from '$lib/server/kit';

/** The invoice as a PDF, for the signed-in client (their own, never drafts). */
export const GET = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return pdfResponse(await loadOrError(() => invoicePdf({ ...scope, invoiceId: params.id })));
};
