import { extensionOf } from './file-types';

/** Longest stored name in UTF-8 bytes (file systems allow 255; this leaves room for " (1)" and the like). */
export const MAX_NAME_BYTES = 200;

// C0/C1 controls, zero-width and bidirectional override characters (which can
// make "exe.pdf" display as "fdp.exe"), and the byte order mark.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// Characters Windows refuses in names; "/" and "\" are handled as path separators first.
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

const utf8Length = (s: string) => new TextEncoder().encode(s).byteLength;

/** Cuts a string to at most `bytes` UTF-8 bytes without splitting a character. */
function truncateBytes(s: string, bytes: number): string {
	let out = '';
	let used = 0;
	for (const ch of s) {
		const size = utf8Length(ch);
		if (used + size > bytes) break;
		out += ch;
		used += size;
	}
	return out;
}

/**
 * A safe display and download name: the last path segment only, no control or
 * invisible characters, no characters Windows rejects, no leading or trailing
 * dots or spaces, at most MAX_NAME_BYTES, and the extension kept when shortening.
 * Returns '' when nothing usable is left.
 */
export function sanitizeFilename(raw: string): string {
	let name = raw.normalize('NFC').replace(INVISIBLE, '');
	name = name.split(/[\\/]/).pop() ?? '';
	name = name.replace(RESERVED, '_').replace(/\s+/g, ' ');
	name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
	if (!name) return '';
	const ext = extensionOf(name);
	let base = ext ? name.slice(0, -(ext.length + 1)).replace(/[.\s]+$/, '') : name;
	const suffix = ext ? `.${name.slice(-ext.length)}` : '';
	if (!base) base = 'file';
	if (WINDOWS_DEVICE.test(base)) base = `_${base}`;
	if (utf8Length(base + suffix) > MAX_NAME_BYTES)
		base = truncateBytes(base, MAX_NAME_BYTES - utf8Length(suffix)).replace(/[.\s]+$/, '') || 'file';
	return base + suffix;
}

/**
 * A new name for an existing file: the extension stays the file's own (its type
 * was checked against it), whatever the new name ends with. "final" or
 * "final.pdf" for "draft.pdf" both become "final.pdf"; "final.html" becomes
 * "final.html.pdf".
 */
export function renamedFilename(raw: string, currentName: string): string {
	const ext = extensionOf(currentName);
	const cleaned = sanitizeFilename(raw);
	if (!cleaned || !ext) return cleaned;
	const typed = extensionOf(cleaned);
	const base = typed === ext ? cleaned.slice(0, -(ext.length + 1)) : cleaned;
	if (!base.replace(/[.\s]/g, '')) return '';
	return sanitizeFilename(`${base}.${currentName.slice(-ext.length)}`);
}

/** An ASCII-only stand-in for old clients that ignore filename* (RFC 6266 fallback). */
export function asciiFilename(name: string): string {
	const ascii = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\%;]/g, '_');
	return ascii || 'download';
}
