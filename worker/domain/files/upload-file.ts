import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { files, memberships } from '../../../db/schema';
import { newId } from '../../services/ids';
import { requireMember } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { parseInput } from '../errors';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';
import type { StaffFile } from './file-views';
import { checkUpload, sniffUpload, storeUpload, type UploadInput } from './receive-upload';

export type { UploadInput } from './receive-upload';

export type ProjectUploadInput = UploadInput & {
	projectId: unknown;
	/** Staff only: may the client see it? Absent = internal (and the remembered choice is left alone). */
	clientVisible?: unknown;
};

const projectSchema = z.object({
	projectId: z.string({ error: 'Choose a project.' }).trim().min(1, 'Choose a project.'),
	clientVisible: z
		.union([z.boolean(), z.enum(['true', 'false', 'on', 'off', '1', '0'])], {
			error: 'Say whether the client may see these files.'
		})
		.optional()
		.transform((v) => (v === undefined ? undefined : v === true || v === 'true' || v === 'on' || v === '1'))
});

/** What the uploader gets back: enough to list the file. */
export type UploadedFile = Pick<
	StaffFile,
	| 'id'
	| 'projectId'
	| 'name'
	| 'contentType'
	| 'sizeBytes'
	| 'clientVisible'
	| 'fromClient'
	| 'uploadedBy'
	| 'createdAt'
	| 'updatedAt'
>;

/** The R2 key of a file: workspace-prefixed, never derived from the user's file name. */
export const storageKeyOf = (workspaceId: string, fileId: string) => `${workspaceId}/files/${fileId}`;

/**
 * Staff or a client upload a file to a project (a client: only to their own
 * company's projects). Every check happens before anything is stored
 * (checkUpload, then sniffUpload on the first bytes). The body streams to R2, so
 * it is never held in memory and a body longer or shorter than announced fails
 * instead of being stored. The metadata row and its activity entry are written
 * in one batch after the blob; if that fails, the blob is removed again.
 *
 * Visibility: a client's upload is visible to that client (and staff), marked as
 * theirs, and the cron emails staff about it (notify-client-uploads.ts). Staff
 * choose per upload (`clientVisible`); their choice is remembered on their
 * membership, in the same batch, to be offered again next time.
 */
export async function uploadFile(opts: Scope & { input: ProjectUploadInput }): Promise<UploadedFile> {
	const actor = requireMember(opts.actor);
	const { services, workspace } = opts;
	const target = parseInput(projectSchema, {
		projectId: opts.input.projectId,
		clientVisible: opts.input.clientVisible
	});
	const file = checkUpload(services, opts.input);
	const project = await findProject(opts, target.projectId);
	const stream = await sniffUpload(file);

	const id = newId('fil');
	const key = storageKeyOf(workspace.id, id);
	await storeUpload(services, key, file, stream);

	const now = services.clock.now();
	const fromClient = actor.kind === 'client';
	const clientVisible = fromClient || target.clientVisible === true;
	const row = {
		id,
		workspaceId: workspace.id,
		clientId: project.clientId,
		projectId: project.id,
		name: file.name,
		storageKey: key,
		contentType: file.mime,
		sizeBytes: file.size,
		clientVisible,
		uploadedByUserId: actor.kind === 'staff' ? actor.userId : null,
		uploadedByContactId: fromClient ? actor.contactId : null,
		createdAt: now,
		updatedAt: now
	};
	const db = services.db;
	try {
		await db.batch([
			db.insert(files).values(row),
			activityInsert(opts, {
				verb: 'file.uploaded',
				summary: fromClient
					? `${actor.name} uploaded ${file.name}`
					: `Uploaded ${file.name}${clientVisible ? ' (shared with the client)' : ''}`,
				clientId: project.clientId,
				projectId: project.id,
				subjectType: 'file',
				subjectId: id
			}),
			...(actor.kind === 'staff' && target.clientVisible !== undefined
				? [
						db
							.update(memberships)
							.set({ uploadClientVisible: clientVisible })
							.where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, actor.userId)))
					]
				: [])
		]);
	} catch (error) {
		await services.storage.delete(key).catch(() => {});
		throw error;
	}
	return {
		id,
		projectId: project.id,
		name: file.name,
		contentType: file.mime,
		sizeBytes: file.size,
		clientVisible,
		fromClient,
		uploadedBy: actor.name,
		createdAt: now,
		updatedAt: now
	};
}
