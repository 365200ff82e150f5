import { invoicePdf } from '$domain/invoices/invoice-pdf';
import { clientScope, loadOrError } from '$lib/server/kit';

/** The invoice as a PDF, for the signed-in client (their own, never drafts). */
export const GET = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const { filename, bytes } = await loadOrError(() => invoicePdf({ ...scope, invoiceId: params.id }));
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' }
	});
};
