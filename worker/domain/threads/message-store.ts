import { and, asc, eq, gt } from 'drizzle-orm';
import { messages } from '../../../db/schema';
import type { Db } from '../../services/db';
import { authorKey, type MessageRecord, type ThreadMessage, type ThreadRole } from './model';

/**
 * Storage of messages. D1 is the one source of truth, and only a thread's
 * ThreadRoom writes to it (the room runs these one at a time per thread):
 *  - seq is computed inside the INSERT as max(seq)+1 of the thread, so it is
 *    gap-free and can never go backwards, even after the room is evicted;
 *    UNIQUE(thread_id, seq) is the backstop against a second writer;
 *  - UNIQUE(thread_id, client_msg_id) makes a retried post return the stored
 *    message instead of storing it twice;
 *  - the thread's lastSeq and the pending notification are written in the
 *    same atomic batch, and only if the message row is new.
 */
export async function storeMessage(db: Db, r: MessageRecord): Promise<{ message: ThreadMessage; created: boolean }> {
	const d1 = db.$client;
	const statements = [
		d1
			.prepare(
				`INSERT INTO messages (id, workspace_id, client_id, thread_id, seq, author_kind, author_id, author_name, body, internal, client_msg_id, created_at)
				 SELECT ?, ?, ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM messages WHERE thread_id = ?
				 ON CONFLICT (thread_id, client_msg_id) DO NOTHING`
			)
			.bind(r.id, r.workspaceId, r.clientId, r.threadId, r.authorKind, r.authorId, r.authorName, r.body, r.internal ? 1 : 0, r.clientMsgId, r.createdAt, r.threadId),
		d1
			.prepare(
				`UPDATE threads SET last_seq = m.seq, last_message_at = m.created_at
				 FROM (SELECT seq, created_at FROM messages WHERE id = ?) AS m
				 WHERE threads.id = ?`
			)
			.bind(r.id, r.threadId)
	];
	if (r.notify) {
		statements.push(
			d1
				.prepare(
					`INSERT INTO thread_notifications (thread_id, audience, workspace_id, client_id, from_seq, upto_seq, due_at, created_at)
					 SELECT thread_id, ?, workspace_id, client_id, seq, seq, ?, created_at FROM messages WHERE id = ?
					 ON CONFLICT (thread_id, audience) DO UPDATE SET upto_seq = max(upto_seq, excluded.upto_seq)`
				)
				.bind(r.notify.audience, r.notify.dueAt, r.id)
		);
	}
	statements.push(d1.prepare(`SELECT * FROM messages WHERE thread_id = ? AND client_msg_id = ?`).bind(r.threadId, r.clientMsgId));
	const results = await d1.batch<RawMessage>(statements);
	const row = results[results.length - 1].results[0];
	if (!row) throw new Error(`message ${r.clientMsgId} of thread ${r.threadId} was not stored`);
	return { message: fromRaw(row), created: row.id === r.id };
}

/** Messages of a thread after a seq, oldest first, as a role may see them (for catching up). */
export async function messagesAfter(db: Db, threadId: string, after: number, role: ThreadRole, limit = 500): Promise<ThreadMessage[]> {
	const rows = await db
		.select()
		.from(messages)
		.where(and(eq(messages.threadId, threadId), gt(messages.seq, after), role === 'client' ? eq(messages.internal, false) : undefined))
		.orderBy(asc(messages.seq))
		.limit(limit);
	return rows.map(toThreadMessage);
}

type RawMessage = {
	id: string;
	seq: number;
	author_kind: ThreadMessage['authorKind'];
	author_id: string | null;
	author_name: string;
	body: string;
	internal: number;
	client_msg_id: string | null;
	created_at: number;
};

function fromRaw(row: RawMessage): ThreadMessage {
	return {
		id: row.id,
		seq: row.seq,
		authorKind: row.author_kind,
		authorKey: authorKey(row.author_kind, row.author_id),
		authorName: row.author_name,
		body: row.body,
		internal: Boolean(row.internal),
		clientMsgId: row.client_msg_id,
		createdAt: row.created_at
	};
}

export function toThreadMessage(row: typeof messages.$inferSelect): ThreadMessage {
	return {
		id: row.id,
		seq: row.seq,
		authorKind: row.authorKind,
		authorKey: authorKey(row.authorKind, row.authorId),
		authorName: row.authorName,
		body: row.body,
		internal: row.internal,
		clientMsgId: row.clientMsgId,
		createdAt: row.createdAt
	};
}
