import { z } from 'zod';
import type { Services } from '../../services';
import { parseInput } from '../errors';
import { tooLargeMessage } from './file-size';
import { checkFileContent, fileError, resolveFileType, SNIFF_BYTES } from './file-types';
import { sanitizeFilename } from './filename';
import { peekStream } from './peek-stream';
import { storeExactly } from './store-exactly';

/** One uploaded file as it arrives (API body or one part of a multipart form), before any check. */
export type UploadInput = {
	/** The name the uploader gave the file (sanitised here). */
	name: unknown;
	/** The type the uploader claimed; checked against the extension, never stored as is. */
	contentType?: unknown;
	/** Exact byte length (Content-Length or File.size), known before the body is read. */
	size: unknown;
	body: ReadableStream<Uint8Array> | null;
};

/** A file that passed every check that needs no bytes: what will be stored, under which name and type. */
export type CheckedUpload = { name: string; ext: string; mime: string; size: number; body: ReadableStream<Uint8Array> };

const metaSchema = z.object({
	name: z.string({ error: 'Choose a file to upload.' }).min(1, 'Choose a file to upload.'),
	contentType: z.string().max(200).optional().catch(undefined),
	size: z.coerce.number({ error: 'The file size is unknown.' }).int().min(0)
});

/**
 * THE upload checks, for project files and message attachments alike, by staff
 * or clients, before anything is stored: size (config), name (sanitised), type
 * by extension and by the claimed type. Errors belong to the `file` field.
 */
export function checkUpload(services: Pick<Services, 'config'>, input: UploadInput): CheckedUpload {
	const meta = parseInput(metaSchema, input);
	const max = services.config.maxUploadBytes;
	if (meta.size === 0)
		throw fileError('validation_failed', 'This file is empty (0 bytes). Choose a file with content.');
	if (meta.size > max) throw fileError('payload_too_large', tooLargeMessage(meta.size, max));
	const name = sanitizeFilename(meta.name);
	if (!name) throw fileError('validation_failed', 'The file name has no usable characters. Rename it and try again.');
	const type = resolveFileType(name, meta.contentType);
	if (!input.body) throw fileError('bad_request', 'The upload had no content. Please try again.');
	return { name, ext: type.ext, mime: type.mime, size: meta.size, body: input.body };
}

/**
 * Reads only the first bytes to check the content looks like its type (a PNG
 * named .jpg, an .exe named .pdf are refused), then hands back a stream of the
 * whole file, so it is never held in memory.
 */
export async function sniffUpload(file: CheckedUpload): Promise<ReadableStream<Uint8Array>> {
	const { head, stream } = await peekStream(file.body, SNIFF_BYTES);
	if (head.byteLength === 0)
		throw fileError('validation_failed', 'This file is empty (0 bytes). Choose a file with content.');
	try {
		checkFileContent(file.ext, head);
	} catch (error) {
		await stream.cancel().catch(() => {});
		throw error;
	}
	return stream;
}

/** Streams a checked file to R2 as exactly its announced size (see storeExactly). */
export function storeUpload(
	services: Pick<Services, 'storage'>,
	key: string,
	file: CheckedUpload,
	stream: ReadableStream<Uint8Array>
): Promise<void> {
	return storeExactly(services.storage, key, stream, { size: file.size, contentType: file.mime });
}
