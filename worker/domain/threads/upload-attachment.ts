import { and, eq, isNull } from 'drizzle-orm';
import { files } from '../../../db/schema';
import { newId } from '../../services/ids';
import { requireMember } from '../actor';
import { checkUpload, sniffUpload, storeUpload, type UploadInput } from '../files/receive-upload';
import { storageKeyOf } from '../files/upload-file';
import type { Scope } from '../scope';
import { getThread } from './get-thread';
import type { MessageAttachment } from './model';

/**
 * Uploads a file to attach to a message in a thread the actor may see (staff or
 * client), with the same checks and limits as project files (checkUpload,
 * sniffUpload). It is pending: nobody sees or downloads it until a message of
 * the same author takes it (postMessage, by id); pending files a day old are
 * removed by the cron (remove-stale-attachments.ts).
 *
 * The row is written before the bytes: if the upload fails the row is deleted
 * again, and if the Worker dies mid-upload the pending row is still there for
 * the cron to remove with whatever reached R2. So no blob is ever left that
 * nothing points at.
 */
export async function uploadAttachment(
	opts: Scope & { threadId: string; input: UploadInput }
): Promise<MessageAttachment> {
	const actor = requireMember(opts.actor);
	const { services, workspace } = opts;
	const file = checkUpload(services, opts.input);
	const { thread } = await getThread(opts);
	const stream = await sniffUpload(file);

	const id = newId('fil');
	const key = storageKeyOf(workspace.id, id);
	const now = services.clock.now();
	const db = services.db;
	await db.insert(files).values({
		id,
		workspaceId: workspace.id,
		clientId: thread.clientId,
		projectId: thread.projectId,
		threadId: thread.id,
		messageId: null,
		name: file.name,
		storageKey: key,
		contentType: file.mime,
		sizeBytes: file.size,
		clientVisible: false,
		uploadedByUserId: actor.kind === 'staff' ? actor.userId : null,
		uploadedByContactId: actor.kind === 'client' ? actor.contactId : null,
		createdAt: now,
		updatedAt: now
	});
	try {
		await storeUpload(services, key, file, stream);
	} catch (error) {
		await discardPendingAttachments(opts, [{ id, storageKey: key }]);
		throw error;
	}
	return { id, name: file.name, contentType: file.mime, sizeBytes: file.size };
}

/** Removes attachments that are still pending (never one a message took): rows first, then their bytes. */
export async function discardPendingAttachments(
	opts: Pick<Scope, 'services' | 'workspace'>,
	pending: { id: string; storageKey: string }[]
): Promise<void> {
	const db = opts.services.db;
	for (const file of pending) {
		const gone = await db
			.delete(files)
			.where(and(eq(files.id, file.id), eq(files.workspaceId, opts.workspace.id), isNull(files.messageId)))
			.returning({ id: files.id });
		if (gone.length)
			await opts.services.storage
				.delete(file.storageKey)
				.catch((error) => console.error('attachment blob not deleted', file.storageKey, error));
	}
}
