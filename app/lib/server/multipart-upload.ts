import { tooLargeMessage } from '$domain/files/file-size';
import { fileError } from '$domain/files/file-types';
import type { UploadInput } from '$domain/files/upload-file';
import { MULTIPART_OVERHEAD } from './body-guard';

/**
 * The no-JavaScript upload path: a multipart form post. The size limit is
 * enforced from Content-Length before the body is read, so an oversized
 * upload is refused without being received. (With JavaScript the page streams
 * the file to POST /api/files instead, which never buffers it.)
 */
export async function fileFromMultipart(request: Request, maxUploadBytes: number): Promise<Omit<UploadInput, 'projectId'>> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (!Number.isFinite(declared)) throw fileError('bad_request', 'Your browser did not say how large the upload is. Please try again.');
	if (declared > maxUploadBytes + MULTIPART_OVERHEAD) {
		throw fileError('payload_too_large', tooLargeMessage(declared, maxUploadBytes, true));
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		throw fileError('bad_request', 'The upload could not be read (it was cut off or malformed). Please try again.');
	}
	const file = form.get('file');
	if (!file || typeof file === 'string' || (file.size === 0 && !file.name)) throw fileError('validation_failed', 'Choose a file to upload.');
	return { name: file.name, contentType: file.type, size: file.size, body: file.stream() };
}
