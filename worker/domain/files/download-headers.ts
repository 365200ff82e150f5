import { previewKind } from './file-display';
import { servedContentType } from './file-types';
import { asciiFilename } from './filename';

type Served = { name: string; contentType: string; sizeBytes: number };

/**
 * Headers of every file download (portal, dashboard, API; files and message
 * attachments). A download is always an attachment: nothing uploaded is
 * rendered on our origin this way, so an HTML or SVG file with script in it
 * cannot run as us. A type some program would interpret (SVG, PostScript,
 * design files) goes out as application/octet-stream; nosniff keeps browsers
 * from guessing a more dangerous type; the sandbox CSP covers a file opened
 * directly anyway.
 */
export function downloadHeaders(file: Served): Headers {
	const headers = commonHeaders(file);
	headers.set('Content-Type', servedContentType(file.contentType));
	headers.set('Content-Disposition', contentDisposition(file.name));
	headers.set('Content-Security-Policy', "default-src 'none'; sandbox");
	return headers;
}

/**
 * Headers of an inline preview, for the types `previewKind` allows only (raster
 * images and PDF, whose first bytes were checked at upload): our stored type,
 * `inline`, nosniff. Images keep the sandbox CSP. A PDF cannot: Chrome refuses to
 * start its PDF viewer in a sandboxed document (it shows "blocked"), so a PDF
 * gets a CSP that allows nothing but the viewer's own inline styles and
 * embedding by our own pages; the viewer runs PDF script (if any) in its own
 * isolated process, never as our origin. Returns null for anything else.
 */
export function previewHeaders(file: Served): Headers | null {
	const kind = previewKind(file.contentType);
	if (!kind) return null;
	const headers = commonHeaders(file);
	headers.set('Content-Type', file.contentType);
	headers.set('Content-Disposition', contentDisposition(file.name, 'inline'));
	headers.set(
		'Content-Security-Policy',
		kind === 'image' ? "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox" : "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; object-src 'self'; frame-ancestors 'self'"
	);
	return headers;
}

function commonHeaders(file: Served): Headers {
	const headers = new Headers();
	headers.set('Content-Length', String(file.sizeBytes));
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Cross-Origin-Resource-Policy', 'same-origin');
	headers.set('Cache-Control', 'private, no-store');
	return headers;
}

/** attachment (or inline); filename="ascii fallback"; filename*=UTF-8''percent-encoded (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `${disposition}; filename="${asciiFilename(name)}"; filename*=UTF-8''${encoded}`;
}
