import { AppError } from '../errors';

/**
 * The file types anyone may upload (staff and clients, files and message
 * attachments), keyed by extension. The stored content type is always ours (from
 * this list), never what the uploader claimed, and the first bytes must look
 * like the type (a renamed .exe is not a PDF).
 */
type FileType = {
	mime: string;
	label: string;
	/** Other types browsers and OSes report for the same files. */
	aliases?: string[];
	/** Checks the first bytes (up to SNIFF_BYTES). */
	looksRight: (head: Uint8Array) => boolean;
	/** Served as application/octet-stream: a type some program would interpret (script in SVG, PostScript). */
	opaque?: boolean;
};

/** How many leading bytes the checks read. */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Uint8Array, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (head: Uint8Array, text: string, at = 0) => [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));
const asciiWithin = (head: Uint8Array, text: string, limit: number) => {
	let hay = '';
	for (const byte of head.subarray(0, limit)) hay += String.fromCharCode(byte);
	return hay.includes(text);
};

/** Text: no NUL bytes (any 8-bit encoding), or a UTF-16 byte order mark. */
const isText = (head: Uint8Array) => startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff) || !head.includes(0);
const isZip = (head: Uint8Array) =>
	startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0x50, 0x4b, 0x05, 0x06);
const isOle = (head: Uint8Array) => startsWith(head, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const isPdf = (head: Uint8Array) => asciiWithin(head, '%PDF-', 1024);
const isPostScript = (head: Uint8Array) => ascii(head, '%!PS-Adobe') || startsWith(head, 0xc5, 0xd0, 0xd3, 0xc6);
/** QuickTime: an 'ftyp' box, or one of the classic top-level atoms, at byte 4. */
const isQuickTime = (head: Uint8Array) =>
	['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((atom) => ascii(head, atom, 4));
const POSTSCRIPT_ALIASES = [
	'application/postscript',
	'application/eps',
	'application/x-eps',
	'image/eps',
	'image/x-eps'
];

const PDF: FileType = {
	mime: 'application/pdf',
	label: 'PDF document',
	aliases: ['application/x-pdf'],
	looksRight: isPdf
};
const JPEG: FileType = {
	mime: 'image/jpeg',
	label: 'JPEG image',
	aliases: ['image/jpg', 'image/pjpeg'],
	looksRight: (h) => startsWith(h, 0xff, 0xd8, 0xff)
};
const CSV_ALIASES = [
	'text/plain',
	'application/csv',
	'text/comma-separated-values',
	'application/vnd.ms-excel',
	'text/x-csv'
];
const OOXML = 'application/vnd.openxmlformats-officedocument';

export const FILE_TYPES: Record<string, FileType> = {
	pdf: PDF,
	png: {
		mime: 'image/png',
		label: 'PNG image',
		looksRight: (h) => startsWith(h, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
	},
	jpg: JPEG,
	jpeg: JPEG,
	gif: { mime: 'image/gif', label: 'GIF image', looksRight: (h) => ascii(h, 'GIF87a') || ascii(h, 'GIF89a') },
	webp: { mime: 'image/webp', label: 'WebP image', looksRight: (h) => ascii(h, 'RIFF') && ascii(h, 'WEBP', 8) },
	// SVG can carry script: it is never previewed (file-display.ts) and always served as an opaque download (download-headers.ts).
	svg: {
		mime: 'image/svg+xml',
		label: 'SVG image',
		aliases: ['text/xml', 'application/xml'],
		looksRight: (h) => isText(h) && asciiWithin(h, '<svg', SNIFF_BYTES),
		opaque: true
	},
	txt: { mime: 'text/plain', label: 'text file', looksRight: isText },
	csv: { mime: 'text/csv', label: 'CSV file', aliases: CSV_ALIASES, looksRight: isText },
	md: { mime: 'text/markdown', label: 'Markdown file', aliases: ['text/x-markdown', 'text/plain'], looksRight: isText },
	docx: {
		mime: `${OOXML}.wordprocessingml.document`,
		label: 'Word document',
		aliases: ['application/zip'],
		looksRight: isZip
	},
	xlsx: {
		mime: `${OOXML}.spreadsheetml.sheet`,
		label: 'Excel spreadsheet',
		aliases: ['application/zip'],
		looksRight: isZip
	},
	pptx: {
		mime: `${OOXML}.presentationml.presentation`,
		label: 'PowerPoint presentation',
		aliases: ['application/zip'],
		looksRight: isZip
	},
	doc: { mime: 'application/msword', label: 'Word document', looksRight: isOle },
	xls: { mime: 'application/vnd.ms-excel', label: 'Excel spreadsheet', looksRight: isOle },
	zip: {
		mime: 'application/zip',
		label: 'ZIP archive',
		aliases: ['application/x-zip-compressed', 'application/x-zip'],
		looksRight: isZip
	},
	mp4: { mime: 'video/mp4', label: 'MP4 video', looksRight: (h) => ascii(h, 'ftyp', 4) },
	mov: { mime: 'video/quicktime', label: 'QuickTime video', looksRight: isQuickTime },
	// Design formats: downloads only, never shown inline, served as opaque bytes.
	// Illustrator files are PDF-compatible (newer) or PostScript (older).
	ai: {
		mime: 'application/postscript',
		label: 'Illustrator file',
		aliases: [...POSTSCRIPT_ALIASES, 'application/illustrator', 'application/pdf'],
		looksRight: (h) => isPdf(h) || isPostScript(h),
		opaque: true
	},
	eps: {
		mime: 'application/postscript',
		label: 'EPS file',
		aliases: POSTSCRIPT_ALIASES,
		looksRight: isPostScript,
		opaque: true
	},
	psd: {
		mime: 'image/vnd.adobe.photoshop',
		label: 'Photoshop file',
		aliases: ['application/x-photoshop', 'application/photoshop', 'application/psd', 'image/psd', 'image/x-photoshop'],
		looksRight: (h) => ascii(h, '8BPS'),
		opaque: true
	},
	// Figma's local files: the "fig-kiwi" format, or (newer exports) a ZIP around it.
	fig: {
		mime: 'application/x-figma',
		label: 'Figma file',
		looksRight: (h) => ascii(h, 'fig-kiwi') || isZip(h),
		opaque: true
	},
	sketch: {
		mime: 'application/x-sketch',
		label: 'Sketch file',
		aliases: ['application/zip'],
		looksRight: isZip,
		opaque: true
	}
};

export const ALLOWED_EXTENSIONS = Object.keys(FILE_TYPES);

/** "PDF, PNG, JPG, ..." for messages and the upload hint. */
export const ALLOWED_LIST = ALLOWED_EXTENSIONS.map((e) => e.toUpperCase()).join(', ');

/** The accept attribute of a file input. */
export const ACCEPT_ATTRIBUTE = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

/** What a page shows before an upload (size, allowed types) and gives the file input. */
export function uploadLimits(maxBytes: number) {
	return { maxBytes, accept: ACCEPT_ATTRIBUTE, allowed: ALLOWED_LIST };
}

/** The Content-Type a download is served with: ours, or octet-stream for a type some program would interpret. */
export function servedContentType(contentType: string): string {
	const known = Object.values(FILE_TYPES).filter((type) => type.mime === contentType);
	return known.length && known.every((type) => !type.opaque) ? contentType : 'application/octet-stream';
}

export function extensionOf(name: string): string | null {
	const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
	return m ? m[1].toLowerCase() : null;
}

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/**
 * The content type a file with this (sanitised) name is stored as. The claimed
 * type (from the browser or the request) must agree with the extension when it
 * says anything specific.
 */
export function resolveFileType(
	name: string,
	claimedType: string | null | undefined
): { ext: string; mime: string; label: string } {
	const ext = extensionOf(name);
	if (!ext)
		throw fileError('unsupported_media_type', `The file name needs an extension. Allowed types: ${ALLOWED_LIST}.`);
	const type = FILE_TYPES[ext];
	if (!type)
		throw fileError('unsupported_media_type', `.${ext} files cannot be uploaded. Allowed types: ${ALLOWED_LIST}.`);
	const claimed = (claimedType ?? '').split(';')[0].trim().toLowerCase();
	if (!GENERIC_TYPES.has(claimed) && claimed !== type.mime && !type.aliases?.includes(claimed)) {
		throw fileError(
			'unsupported_media_type',
			`This file says it is ${claimed}, which does not match its .${ext} name.`
		);
	}
	return { ext, mime: type.mime, label: type.label };
}

/** Refuses a file whose first bytes do not look like its type. */
export function checkFileContent(ext: string, head: Uint8Array): void {
	const type = FILE_TYPES[ext];
	if (!type || !type.looksRight(head)) {
		throw fileError(
			'unsupported_media_type',
			`This file does not look like a ${type?.label ?? ext} (its content does not match its .${ext} name).`
		);
	}
}

/** Upload problems belong to the file field of the form (`file`, unless the form names it otherwise). */
export function fileError(
	code: 'unsupported_media_type' | 'payload_too_large' | 'validation_failed' | 'bad_request',
	message: string,
	field = 'file'
): AppError {
	return new AppError(code, message, { fields: { [field]: message } });
}
