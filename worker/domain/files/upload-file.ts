import { z } from 'zod';
import { files } from '../../../db/schema';
import { newId } from '../../services/ids';
import { requireStaff } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { parseInput } from '../errors';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';
import { tooLargeMessage } from './file-size';
import { checkFileContent, fileError, resolveFileType, SNIFF_BYTES } from './file-types';
import type { StaffFile } from './file-views';
import { sanitizeFilename } from './filename';
import { peekStream } from './peek-stream';
import { storeExactly } from './store-exactly';

export type UploadInput = {
	projectId: unknown;
	/** The name the uploader gave the file (sanitised here). */
	name: unknown;
	/** The type the uploader claimed; checked against the extension, never stored as is. */
	contentType?: unknown;
	/** Exact byte length (Content-Length or File.size), known before the body is read. */
	size: unknown;
	body: ReadableStream<Uint8Array> | null;
};

const metaSchema = z.object({
	projectId: z.string({ error: 'Choose a project.' }).trim().min(1, 'Choose a project.'),
	name: z.string({ error: 'Choose a file to upload.' }).min(1, 'Choose a file to upload.'),
	contentType: z.string().max(200).optional().catch(undefined),
	size: z.coerce.number({ error: 'The file size is unknown.' }).int().min(0)
});

/** The R2 key of a file: workspace-prefixed, never derived from the user's file name. */
export const storageKeyOf = (workspaceId: string, fileId: string) => `${workspaceId}/files/${fileId}`;

/**
 * Staff upload a file to a project. Every check happens before anything is
 * stored: size (from config), name, type by extension and by the first bytes.
 * The body streams to R2 (storeExactly), so it is never held in memory and a
 * body longer or shorter than announced fails instead of being stored. The metadata row and its activity entry are written in one batch
 * after the blob; if that fails, the blob is removed again. New files are
 * internal: staff decide what clients see.
 */
export async function uploadFile(opts: Scope & { input: UploadInput }): Promise<StaffFile> {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const meta = parseInput(metaSchema, opts.input);
	const max = services.config.maxUploadBytes;
	if (meta.size === 0) throw fileError('validation_failed', 'This file is empty (0 bytes). Choose a file with content.');
	if (meta.size > max) throw fileError('payload_too_large', tooLargeMessage(meta.size, max));
	const name = sanitizeFilename(meta.name);
	if (!name) throw fileError('validation_failed', 'The file name has no usable characters. Rename it and try again.');
	const type = resolveFileType(name, meta.contentType);
	if (!opts.input.body) throw fileError('bad_request', 'The upload had no content. Please try again.');

	const project = await findProject(opts, meta.projectId);

	const { head, stream } = await peekStream(opts.input.body, SNIFF_BYTES);
	if (head.byteLength === 0) throw fileError('validation_failed', 'This file is empty (0 bytes). Choose a file with content.');
	try {
		checkFileContent(type.ext, head);
	} catch (error) {
		await stream.cancel().catch(() => {});
		throw error;
	}

	const id = newId('fil');
	const key = storageKeyOf(workspace.id, id);
	await storeExactly(services.storage, key, stream, { size: meta.size, contentType: type.mime });

	const now = services.clock.now();
	const row = {
		id,
		workspaceId: workspace.id,
		clientId: project.clientId,
		projectId: project.id,
		name,
		storageKey: key,
		contentType: type.mime,
		sizeBytes: meta.size,
		clientVisible: false,
		uploadedByUserId: staff.userId,
		createdAt: now,
		updatedAt: now
	};
	try {
		await services.db.batch([
			services.db.insert(files).values(row),
			activityInsert(opts, { verb: 'file.uploaded', summary: `Uploaded ${name}`, clientId: project.clientId, projectId: project.id, subjectType: 'file', subjectId: id })
		]);
	} catch (error) {
		await services.storage.delete(key).catch(() => {});
		throw error;
	}
	return { id, projectId: project.id, name, contentType: type.mime, sizeBytes: meta.size, clientVisible: false, uploadedBy: staff.name, createdAt: now, updatedAt: now };
}
