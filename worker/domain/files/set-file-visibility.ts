import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { files } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';
import { findFile } from './find-file';

const inputSchema = z.object({
	fileId: z.string().min(1),
	visible: z
		.union([z.boolean(), z.enum(['true', 'false', 'on', 'off', '1', '0'])], {
			error: 'Say whether the client may see this file.'
		})
		.transform((v) => v === true || v === 'true' || v === 'on' || v === '1')
});

/**
 * Staff show a file to the client or make it internal again. Only a real change
 * is written (and logged): the update is conditional on the old value, and the
 * activity entry only follows a changed row. From the moment it is internal,
 * the client's list and download both answer "not found". A file the client
 * uploaded always stays visible to them (409).
 */
export async function setFileVisibility(
	opts: Scope & { input: unknown }
): Promise<{ id: string; clientVisible: boolean }> {
	requireStaff(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const file = await findFile(opts, input.fileId);
	if (file.uploadedByContactId)
		throw new AppError('conflict', 'The client uploaded this file: it stays visible to them.');
	if (file.clientVisible === input.visible) return { id: file.id, clientVisible: input.visible };
	const db = opts.services.db;
	await db.batch([
		db
			.update(files)
			.set({ clientVisible: input.visible, updatedAt: opts.services.clock.now() })
			.where(
				and(eq(files.id, file.id), eq(files.workspaceId, opts.workspace.id), eq(files.clientVisible, !input.visible))
			),
		activityInsertIfChanged(opts, {
			verb: 'file.visibility_changed',
			summary: input.visible ? `Shared ${file.name} with the client` : `Made ${file.name} internal`,
			clientId: file.clientId,
			projectId: file.projectId,
			subjectType: 'file',
			subjectId: file.id
		})
	]);
	return { id: file.id, clientVisible: input.visible };
}
