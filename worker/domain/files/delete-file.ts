import { and, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { files } from '../../../db/schema';
import { requireMember } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { AppError, forbidden, parseInput } from '../errors';
import type { Scope } from '../scope';
import { CLIENT_DELETE_WINDOW_MS } from './file-display';
import { findFile } from './find-file';

const inputSchema = z.object({ fileId: z.string().min(1) });

/**
 * Deletes a file: the row and its activity entry in one batch, then the R2
 * object. In that order a failure can leave an unreferenced blob (harmless,
 * unreachable) but never a listed file whose bytes are gone.
 *
 * Staff delete any file of their workspace. A client deletes only a file they
 * uploaded themselves, and only within CLIENT_DELETE_WINDOW_MS (one hour) of
 * uploading it: long enough to take back a wrong file, short enough that staff
 * can rely on what a client sent. The delete is conditional on both, so the
 * window cannot be crossed between the check and the write.
 */
export async function deleteFile(opts: Scope & { input: unknown }): Promise<{ id: string }> {
	const actor = requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const file = await findFile(opts, input.fileId);
	const now = opts.services.clock.now();
	const byClient = actor.kind === 'client';
	if (byClient && file.uploadedByContactId !== actor.contactId)
		throw forbidden('You can only delete files you uploaded yourself.');
	const db = opts.services.db;
	const [deleted] = await db.batch([
		db
			.delete(files)
			.where(
				and(
					eq(files.id, file.id),
					eq(files.workspaceId, opts.workspace.id),
					byClient
						? and(eq(files.uploadedByContactId, actor.contactId), gt(files.createdAt, now - CLIENT_DELETE_WINDOW_MS))
						: undefined
				)
			),
		activityInsertIfChanged(opts, {
			verb: 'file.deleted',
			summary: byClient ? `${actor.name} deleted ${file.name}` : `Deleted ${file.name}`,
			clientId: file.clientId,
			projectId: file.projectId,
			subjectType: 'file',
			subjectId: file.id
		})
	]);
	if (!deleted.meta.changes) {
		if (byClient)
			throw new AppError(
				'conflict',
				'You can delete a file you uploaded for one hour after uploading it. Ask in a message if it should be removed.'
			);
		throw new AppError('not_found', 'That file could not be found.');
	}
	try {
		await opts.services.storage.delete(file.storageKey);
	} catch (error) {
		console.error('file blob not deleted', file.storageKey, error instanceof Error ? error.message : error);
	}
	return { id: file.id };
}
