import { invoicePdf } from '$domain/invoices/invoice-pdf';
import { loadOrError, staffScope } from '$lib/server/kit';

export const GET = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { filename, bytes } = await loadOrError(() => invoicePdf({ ...scope, invoiceId: params.id }));
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'private, no-store' }
	});
};
