import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { files } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { findFile } from './find-file';

const inputSchema = z.object({ fileId: z.string().min(1) });

/**
 * Staff delete a file: the row and its activity entry in one batch, then the R2
 * object. In that order a failure can leave an unreferenced blob (harmless,
 * unreachable) but never a listed file whose bytes are gone.
 */
export async function deleteFile(opts: Scope & { input: unknown }): Promise<{ id: string }> {
	requireStaff(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const file = await findFile(opts, input.fileId);
	const db = opts.services.db;
	await db.batch([
		db.delete(files).where(and(eq(files.id, file.id), eq(files.workspaceId, opts.workspace.id))),
		activityInsertIfChanged(opts, { verb: 'file.deleted', summary: `Deleted ${file.name}`, clientId: file.clientId, projectId: file.projectId, subjectType: 'file', subjectId: file.id })
	]);
	try {
		await opts.services.storage.delete(file.storageKey);
	} catch (error) {
		console.error('file blob not deleted', file.storageKey, error instanceof Error ? error.message : error);
	}
	return { id: file.id };
}
