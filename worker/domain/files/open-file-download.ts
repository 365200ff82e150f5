import { z } from 'zod';
import { requireMember } from '../actor';
import { notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { downloadHeaders } from './download-headers';
import { findFile } from './find-file';

const inputSchema = z.object({ fileId: z.string().min(1), projectId: z.string().min(1).optional() });

/**
 * A download the actor may make, as a streamed Response: the file is looked up
 * in the actor's scope first (a client: own company, visible files only), and
 * only then is R2 read. Everything else is "not found".
 */
export async function openFileDownload(opts: Scope & { input: unknown }): Promise<Response> {
	requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const file = await findFile(opts, input.fileId, input.projectId);
	const object = await opts.services.storage.get(file.storageKey);
	if (!object) {
		console.error('file blob missing', file.id);
		throw notFound('That file');
	}
	return new Response(object.body, { status: 200, headers: downloadHeaders({ name: file.name, contentType: file.contentType, sizeBytes: object.size }) });
}
