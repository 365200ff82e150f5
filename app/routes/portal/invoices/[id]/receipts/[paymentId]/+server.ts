import { receiptPdf } from '$domain/payments/receipt-pdf';
import { clientScope, loadOrError } from '$lib/server/kit';

/** A receipt for one of the client's own succeeded payments (another's, a failed or reversed one: not found). */
export const GET = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const { filename, bytes } = await loadOrError(() =>
		receiptPdf({ ...scope, invoiceId: params.id, paymentId: params.paymentId })
	);
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
			'cache-control': 'private, no-store'
		}
	});
};
