import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { files, messages } from '../../../db/schema';
import { actorId, requireMember, type ClientActor, type StaffActor } from '../actor';
import { AppError, forbidden, parseInput } from '../errors';
import type { Scope } from '../scope';
import { newId } from '../../services/ids';
import { getThread } from './get-thread';
import { attachmentIdsSchema, checkboxSchema, clientMsgIdSchema, messageTextSchema } from './message-input';
import { NOTIFY_BATCH_MS, readerKeyOf, type MessageRecord, type ThreadMessage } from './model';
import { threadRoom } from './room';

const inputSchema = z.object({
	body: messageTextSchema,
	clientMsgId: clientMsgIdSchema,
	internal: checkboxSchema,
	attachmentIds: attachmentIdsSchema
});

const ATTACHMENT_GONE =
	'An attached file is no longer available (files not sent within a day are removed). Attach it again.';

/**
 * Posts a message to a thread the actor may see. Staff may mark it an internal
 * note (always, in a staff-only thread); clients never can. It may carry
 * attachments: files the author uploaded to this thread beforehand
 * (upload-attachment.ts) and not yet sent, or, on a retry, the ones this very
 * message already took; with attachments the text may be empty. The thread's
 * ThreadRoom orders, stores and fans it out (attachments and all, in one
 * batch). A retry with the same clientMsgId returns the stored message with
 * created=false. A client's message queues an email to staff, a staff reply
 * one to the client's contacts (batched).
 */
export async function postMessage(
	opts: Scope & { threadId: string; input: unknown }
): Promise<{ message: ThreadMessage; created: boolean }> {
	const actor = requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	if (!input.body && input.attachmentIds.length === 0)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { body: 'Write a message first.' }
		});
	const { thread } = await getThread(opts);
	if (actor.kind === 'client' && input.internal) throw forbidden('Only staff can post internal notes.');
	const internal = actor.kind === 'staff' && (input.internal || thread.internal);
	const clientMsgId = input.clientMsgId ?? crypto.randomUUID();
	if (input.attachmentIds.length) await checkAttachments(opts, actor, thread.id, clientMsgId, input.attachmentIds);
	const now = opts.services.clock.now();
	const record: MessageRecord = {
		id: newId('msg'),
		threadId: thread.id,
		workspaceId: thread.workspaceId,
		clientId: thread.clientId,
		authorKind: actor.kind,
		authorId: actorId(actor),
		authorName: actor.name,
		body: input.body,
		internal,
		clientMsgId,
		createdAt: now,
		notify: internal ? null : { audience: actor.kind === 'client' ? 'staff' : 'client', dueAt: now + NOTIFY_BATCH_MS },
		attachmentIds: input.attachmentIds
	};
	const { bookmark, ...result } = await threadRoom(opts.services, thread.id).post(record, opts.services.shard);
	opts.services.d1Session.note(bookmark);
	// The room's batch re-checks the attachments; one taken or removed since the check above rolls the post back.
	if (!('created' in result))
		throw new AppError('conflict', ATTACHMENT_GONE, { fields: { attachments: ATTACHMENT_GONE } });
	// A clientMsgId is only a retry key for its own author; it never reveals someone else's message.
	if (!result.created && result.message.authorKey !== readerKeyOf(actor)) {
		throw new AppError('conflict', 'That message id is already in use. Please send the message again.');
	}
	return result;
}

/**
 * Every attachment named must be the author's own upload to this thread, still
 * pending, or already taken by this same message (a retry). Checked here for a
 * clear answer; the room's batch checks again atomically.
 */
async function checkAttachments(
	opts: Scope,
	actor: StaffActor | ClientActor,
	threadId: string,
	clientMsgId: string,
	ids: string[]
) {
	const db = opts.services.db;
	const sameMessage = db
		.select({ id: messages.id })
		.from(messages)
		.where(and(eq(messages.threadId, threadId), eq(messages.clientMsgId, clientMsgId)));
	const found = await db
		.select({ id: files.id })
		.from(files)
		.where(
			and(
				eq(files.workspaceId, opts.workspace.id),
				eq(files.threadId, threadId),
				inArray(files.id, ids),
				actor.kind === 'client'
					? eq(files.uploadedByContactId, actor.contactId)
					: eq(files.uploadedByUserId, actor.userId),
				or(isNull(files.messageId), inArray(files.messageId, sameMessage))
			)
		);
	if (found.length !== ids.length)
		throw new AppError('validation_failed', ATTACHMENT_GONE, { fields: { attachments: ATTACHMENT_GONE } });
}
