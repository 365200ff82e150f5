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

const PREVIEW_CSP =
	"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/**
 * Headers of an inline preview, for the types `previewKind` allows only (raster
 * images and PDF, whose first bytes were checked at upload): our stored type,
 * `inline`, nosniff, and a sandbox CSP like a download's (no script, no
 * plugins, no same-origin access; never framed). Earlier Chrome refused to
 * start its PDF viewer in a sandboxed document; Chromium 156 shows it
 * (e2e/client-files.e2e.ts checks the viewer loads). A browser that still
 * refuses shows nothing, and the Download link works as ever. The only
 * allowance is inline styles (and data: images) for the page the browser
 * builds around an image or PDF. Returns null for anything else.
 */
export function previewHeaders(file: Served): Headers | null {
	if (!previewKind(file.contentType)) return null;
	const headers = commonHeaders(file);
	headers.set('Content-Type', file.contentType);
	headers.set('Content-Disposition', contentDisposition(file.name, 'inline'));
	headers.set('Content-Security-Policy', PREVIEW_CSP);
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
