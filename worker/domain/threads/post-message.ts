import { z } from 'zod';
import { actorId, requireMember } from '../actor';
import { AppError, forbidden, parseInput } from '../errors';
import type { Scope } from '../scope';
import { newId } from '../../services/ids';
import { getThread } from './get-thread';
import { bodySchema, checkboxSchema, clientMsgIdSchema } from './message-input';
import { NOTIFY_BATCH_MS, readerKeyOf, type MessageRecord, type ThreadMessage } from './model';
import { threadRoom } from './room';

const inputSchema = z.object({ body: bodySchema, clientMsgId: clientMsgIdSchema, internal: checkboxSchema });

/**
 * Posts a message to a thread the actor may see. Staff may mark it an internal
 * note (always, in a staff-only thread); clients never can. The thread's
 * ThreadRoom orders, stores and fans it out. A retry with the same clientMsgId
 * returns the stored message with created=false. A client's message queues
 * an email to staff, a staff reply one to the client's contacts (batched).
 */
export async function postMessage(opts: Scope & { threadId: string; input: unknown }): Promise<{ message: ThreadMessage; created: boolean }> {
	const actor = requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const { thread } = await getThread(opts);
	if (actor.kind === 'client' && input.internal) throw forbidden('Only staff can post internal notes.');
	const internal = actor.kind === 'staff' && (input.internal || thread.internal);
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
		clientMsgId: input.clientMsgId ?? crypto.randomUUID(),
		createdAt: now,
		notify: internal ? null : { audience: actor.kind === 'client' ? 'staff' : 'client', dueAt: now + NOTIFY_BATCH_MS }
	};
	const result = await threadRoom(opts.services, thread.id).post(record);
	// A clientMsgId is only a retry key for its own author; it never reveals someone else's message.
	if (!result.created && result.message.authorKey !== readerKeyOf(actor)) {
		throw new AppError('conflict', 'That message id is already in use. Please send the message again.');
	}
	return result;
}
