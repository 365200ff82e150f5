import { asciiFilename } from './filename';

/**
 * Headers of every file download (portal, dashboard, API). Files are always
 * attachments: nothing uploaded is ever rendered inline on our origin, so an
 * HTML or SVG file with script in it cannot run as us. nosniff keeps browsers
 * from guessing a more dangerous type; the sandbox CSP covers a file opened
 * directly anyway.
 */
export function downloadHeaders(file: { name: string; contentType: string; sizeBytes: number }): Headers {
	const headers = new Headers();
	headers.set('Content-Type', file.contentType);
	headers.set('Content-Length', String(file.sizeBytes));
	headers.set('Content-Disposition', contentDisposition(file.name));
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Content-Security-Policy', "default-src 'none'; sandbox");
	headers.set('Cross-Origin-Resource-Policy', 'same-origin');
	headers.set('Cache-Control', 'private, no-store');
	return headers;
}

/** attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${asciiFilename(name)}"; filename*=UTF-8''${encoded}`;
}
