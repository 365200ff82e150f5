/**
 * How files are shown, for pages (server and browser: this module imports
 * nothing). Only these stored types are ever shown inline, as a thumbnail or a
 * preview: raster images and PDF, whose first bytes were checked at upload.
 * Never SVG (it can carry script) or anything else: those are downloads.
 */
const PREVIEW: Record<string, 'image' | 'pdf'> = {
	'image/png': 'image',
	'image/jpeg': 'image',
	'image/gif': 'image',
	'image/webp': 'image',
	'application/pdf': 'pdf'
};

/** How long a client may delete a file they uploaded themselves (a wrong file, a typo): afterwards it is part of the project's record. */
export const CLIENT_DELETE_WINDOW_MS = 60 * 60 * 1000;

/** Images up to this size get a thumbnail in lists (the full image, scaled by the browser); larger ones only a Preview link. */
export const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

export function previewKind(contentType: string): 'image' | 'pdf' | null {
	return PREVIEW[contentType] ?? null;
}

/** How a file may be shown: a thumbnail (small raster image), a preview (image or PDF), or download only. */
export function displayOf(file: { contentType: string; sizeBytes: number }): {
	preview: 'image' | 'pdf' | null;
	thumbnail: boolean;
} {
	const preview = previewKind(file.contentType);
	return { preview, thumbnail: preview === 'image' && file.sizeBytes <= THUMBNAIL_MAX_BYTES };
}
