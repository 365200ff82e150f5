import { invoicePdf } from '$domain/invoices/invoice-pdf';
import { pdfResponse } from '$domain/files/pdf-response';
import { loadOrError, staffScope } from '$lib/server/kit';

export const GET = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return pdfResponse(await loadOrError(() => invoicePdf({ ...scope, invoiceId: params.id })));
};
