import { z } from 'zod';
import type { Services } from '../../services';
import { requireMember } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { downloadHeaders, previewHeaders } from './download-headers';
import { previewKind } from './file-display';
import { findFile } from './find-file';

const inputSchema = z.object({
	fileId: z.string().min(1),
	projectId: z.string().min(1).optional(),
	preview: z.boolean().optional()
});

/**
 * A download (or, with `preview`, an inline view) the actor may make, as a
 * streamed Response: the file is looked up in the actor's scope first (a
 * client: own company, visible files only), and only then is R2 read.
 * Everything else is "not found".
 */
export async function openFileDownload(opts: Scope & { input: unknown }): Promise<Response> {
	requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const file = await findFile(opts, input.fileId, input.projectId);
	return serveStoredFile(opts.services, file, input.preview ? 'preview' : 'download');
}

/**
 * Streams a stored file the caller has already authorised. A preview is served
 * inline only for raster images and PDF (previewHeaders); any other type has no
 * preview (415), so nothing else is ever rendered on our origin.
 */
export async function serveStoredFile(
	services: Pick<Services, 'storage'>,
	file: { id: string; name: string; contentType: string; storageKey: string },
	how: 'download' | 'preview'
): Promise<Response> {
	if (how === 'preview' && !previewKind(file.contentType))
		throw new AppError('unsupported_media_type', 'This type of file has no preview: download it instead.');
	const object = await services.storage.get(file.storageKey);
	if (!object) {
		console.error('file blob missing', file.id);
		throw notFound('That file');
	}
	const served = { name: file.name, contentType: file.contentType, sizeBytes: object.size };
	return new Response(object.body, {
		status: 200,
		headers: how === 'preview' ? previewHeaders(served)! : downloadHeaders(served)
	});
}
