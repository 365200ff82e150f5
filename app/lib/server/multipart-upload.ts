import { formatBytes } from '$domain/files/file-size';
import { fileError } from '$domain/files/file-types';
import type { UploadInput } from '$domain/files/receive-upload';
import { MULTIPART_OVERHEAD } from './body-guard';

export type UploadForm = {
	/** The form's text fields (the last value of each name). */
	values: Record<string, string>;
	/** The files chosen in `field` (several with `multiple`); empty file inputs are left out. */
	files: UploadInput[];
};

/**
 * The no-JavaScript upload path: a multipart form post (project files, a message
 * with attachments). The size limit is enforced from Content-Length before the
 * body is read, so an oversized post is refused without being received; as
 * workerd holds a parsed form in memory, one post carries at most
 * MAX_UPLOAD_BYTES in all (one largest file, or several adding up to it).
 * (With JavaScript the pages stream each file to the API on its own instead,
 * which never buffers it.) Errors belong to `field`.
 */
export async function readUploadForm(request: Request, maxUploadBytes: number, field = 'file'): Promise<UploadForm> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (!Number.isFinite(declared))
		throw fileError('bad_request', 'Your browser did not say how large the upload is. Please try again.', field);
	if (declared > maxUploadBytes + MULTIPART_OVERHEAD) {
		const message = `This upload is about ${formatBytes(declared)}; the largest file you can upload is ${formatBytes(maxUploadBytes)} (several files at once may add up to that). Choose fewer or smaller files.`;
		throw fileError('payload_too_large', message, field);
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		throw fileError(
			'bad_request',
			'The upload could not be read (it was cut off or malformed). Please try again.',
			field
		);
	}
	const values: Record<string, string> = {};
	const files: UploadInput[] = [];
	for (const [name, value] of form) {
		if (typeof value === 'string') values[name] = value;
		else if (name === field && (value.size > 0 || value.name))
			files.push({ name: value.name, contentType: value.type, size: value.size, body: value.stream() });
	}
	return { values, files };
}
