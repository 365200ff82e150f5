/**
 * The one PDF download response, for quotes, contracts and invoices, from the API and the
 * pages alike: an attachment with a safe filename, private and never cached by anyone else.
 */
export function pdfResponse(file: { filename: string; bytes: Uint8Array }): Response {
	const safe = file.filename.replace(/[^\w.-]+/g, '-');
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="${safe}"`,
			'Cache-Control': 'private, no-store'
		}
	});
}
