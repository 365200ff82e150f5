/** A PDF download: private, never cached, with a safe filename. */
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
