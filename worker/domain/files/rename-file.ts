import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { files } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { findFile } from './find-file';
import { renamedFilename } from './filename';

const inputSchema = z.object({
	fileId: z.string().min(1),
	name: z.string({ error: 'Enter a new name.' }).trim().min(1, 'Enter a new name.').max(1000, 'That name is too long.')
});

/** Staff rename a file. The name is sanitised and keeps the file's extension (its type was checked against it). */
export async function renameFile(opts: Scope & { input: unknown }): Promise<{ id: string; name: string }> {
	requireStaff(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const file = await findFile(opts, input.fileId);
	const name = renamedFilename(input.name, file.name);
	if (!name)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { name: 'The name has no usable characters.' }
		});
	if (name === file.name) return { id: file.id, name };
	const db = opts.services.db;
	await db.batch([
		db
			.update(files)
			.set({ name, updatedAt: opts.services.clock.now() })
			.where(and(eq(files.id, file.id), eq(files.workspaceId, opts.workspace.id))),
		activityInsertIfChanged(opts, {
			verb: 'file.renamed',
			summary: `Renamed ${file.name} to ${name}`,
			clientId: file.clientId,
			projectId: file.projectId,
			subjectType: 'file',
			subjectId: file.id
		})
	]);
	return { id: file.id, name };
}
