import { error } from '@sveltejs/kit';

/** Largest form post a page accepts (the JSON API has the same limit). */
export const PAGE_BODY_LIMIT = 1024 * 1024;
/** Room for the multipart boundaries and headers around a file. */
export const MULTIPART_OVERHEAD = 64 * 1024;
/** The form action that takes a file through this guard (multipart): the logo form. */
const FILE_ACTION = 'logo';
/** Multipart actions that read their files with readUploadForm, which checks its own limit: project files, a message with attachments. */
const UPLOAD_ACTIONS = new Set(['upload', 'post']);

/**
 * Checks a page's form post before anything reads it, so an oversized or
 * malformed body is a clear 4xx rather than a body read into memory or a 500
 * from `request.formData()` inside some action:
 * - a body without Content-Length (streamed) is measured on a copy, reading
 *   no further than the limit;
 * - at most PAGE_BODY_LIMIT, except the actions that take a file: the logo
 *   form (`?/logo`, MAX_UPLOAD_BYTES plus overhead, so a too-large logo still
 *   gets its own message) and the file uploads (`?/upload` for project files,
 *   `?/post` for a message with attachments), which refuse an oversized upload
 *   themselves with the message next to the field;
 * - a small multipart body must parse (larger ones are parsed by upload code that handles errors).
 * Throws a SvelteKit error (JSON for `use:enhance`, the error page otherwise).
 */
export async function guardFormBody(request: Request, url: URL, maxUploadBytes: number): Promise<void> {
	if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return;
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	const multipart = type.startsWith('multipart/form-data');
	const action = /^\?\/([\w-]+)/.exec(url.search)?.[1];
	if (multipart && action && UPLOAD_ACTIONS.has(action)) return;
	const limit = multipart && action === FILE_ACTION ? maxUploadBytes + MULTIPART_OVERHEAD : PAGE_BODY_LIMIT;
	const header = request.headers.get('content-length');
	const declared = header === null ? await measuredLength(request, limit) : Number(header);
	if (!Number.isFinite(declared))
		error(400, { message: 'The request did not say how large it is. Please try again.', code: 'bad_request' });
	if (declared > limit) {
		error(413, {
			message: `That form is too large (the limit is ${Math.round(limit / (1024 * 1024))} MB). Go back, shorten it and try again.`,
			code: 'payload_too_large'
		});
	}
	if (multipart && declared <= PAGE_BODY_LIMIT) {
		try {
			await request.clone().formData();
		} catch {
			error(400, { message: 'The form could not be read. Please go back and send it again.', code: 'bad_request' });
		}
	}
}

/** The length of a body that did not declare it, reading a copy only up to limit + 1 bytes. */
async function measuredLength(request: Request, limit: number): Promise<number> {
	const reader = request.clone().body!.getReader();
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return total;
			total += value.byteLength;
			if (total > limit) {
				await reader.cancel();
				return total;
			}
		}
	} catch {
		return NaN;
	}
}
