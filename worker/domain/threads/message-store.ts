import { and, asc, eq, gt, inArray, type SQLWrapper } from 'drizzle-orm';
import { files, messages } from '../../../db/schema';
import type { Db } from '../../services/db';
import { authorKey, type MessageAttachment, type MessageRecord, type ThreadMessage, type ThreadRole } from './model';

/** The guard's text (a batch rollback) when a message's attachments are no longer all pending for it. */
const ATTACHMENTS_GONE = 'attachments are no longer available';

/** What storing a message gives back: the message (new or stored before), or a refusal because its attachments are gone (nothing stored). */
export type StoreResult = { message: ThreadMessage; created: boolean } | { attachmentsGone: true };

/**
 * Storage of messages. D1 is the one source of truth, and only a thread's
 * ThreadRoom writes to it (the room runs these one at a time per thread):
 *  - seq is computed inside the INSERT as max(seq)+1 of the thread, so it is
 *    gap-free and can never go backwards, even after the room is evicted;
 *    UNIQUE(thread_id, seq) is the backstop against a second writer;
 *  - UNIQUE(thread_id, client_msg_id) makes a retried post return the stored
 *    message instead of storing it twice;
 *  - the thread's lastSeq and the pending notification are written in the
 *    same atomic batch, and only if the message row is new;
 *  - so are its attachments: pending files the author uploaded to this thread
 *    are given the new message's id, and a guard rolls the whole batch back
 *    unless every one named now belongs to the stored message (one expired,
 *    was taken by another message, or is not the author's: nothing is stored).
 *    A retry names the same files, which already belong to it: it passes.
 */
export async function storeMessage(db: Db, r: MessageRecord): Promise<StoreResult> {
	const d1 = db.$client;
	const ids = [...new Set(r.attachmentIds ?? [])];
	const statements = [
		d1
			.prepare(
				`INSERT INTO messages (id, workspace_id, client_id, thread_id, seq, author_kind, author_id, author_name, body, internal, client_msg_id, created_at)
				 SELECT ?, ?, ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM messages WHERE thread_id = ?
				 ON CONFLICT (thread_id, client_msg_id) DO NOTHING`
			)
			.bind(
				r.id,
				r.workspaceId,
				r.clientId,
				r.threadId,
				r.authorKind,
				r.authorId,
				r.authorName,
				r.body,
				r.internal ? 1 : 0,
				r.clientMsgId,
				r.createdAt,
				r.threadId
			),
		d1
			.prepare(
				`UPDATE threads SET last_seq = m.seq, last_message_at = m.created_at
				 FROM (SELECT seq, created_at FROM messages WHERE id = ?) AS m
				 WHERE threads.id = ?`
			)
			.bind(r.id, r.threadId)
	];
	if (ids.length) {
		const marks = ids.map(() => '?').join(', ');
		const uploader = r.authorKind === 'client' ? 'uploaded_by_contact_id' : 'uploaded_by_user_id';
		statements.push(
			d1
				.prepare(
					`UPDATE files SET message_id = ?, updated_at = ?
					 WHERE id IN (${marks}) AND workspace_id = ? AND thread_id = ? AND message_id IS NULL AND ${uploader} = ?
					   AND EXISTS (SELECT 1 FROM messages WHERE id = ?)`
				)
				.bind(r.id, r.createdAt, ...ids, r.workspaceId, r.threadId, r.authorId, r.id),
			d1
				.prepare(
					`SELECT json('${ATTACHMENTS_GONE} ' || random())
					 WHERE (SELECT count(*) FROM files WHERE id IN (${marks}) AND thread_id = ?
					          AND message_id = (SELECT id FROM messages WHERE thread_id = ? AND client_msg_id = ?)) <> ?`
				)
				.bind(...ids, r.threadId, r.threadId, r.clientMsgId, ids.length)
		);
	}
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
	statements.push(
		d1.prepare(`SELECT * FROM messages WHERE thread_id = ? AND client_msg_id = ?`).bind(r.threadId, r.clientMsgId),
		d1
			.prepare(
				`SELECT id, name, content_type, size_bytes FROM files
				 WHERE message_id = (SELECT id FROM messages WHERE thread_id = ? AND client_msg_id = ?) AND thread_id = ?
				 ORDER BY created_at, id`
			)
			.bind(r.threadId, r.clientMsgId, r.threadId)
	);
	let results: D1Result<RawMessage & RawAttachment>[];
	try {
		results = await d1.batch<RawMessage & RawAttachment>(statements);
	} catch (error) {
		// Answered, not thrown: the room passes it back over RPC as a plain value.
		if (ids.length && String((error as Error)?.message ?? '').includes('malformed JSON'))
			return { attachmentsGone: true };
		throw error;
	}
	const row = results[results.length - 2].results[0];
	if (!row) throw new Error(`message ${r.clientMsgId} of thread ${r.threadId} was not stored`);
	const attachments = (results[results.length - 1].results as unknown as RawAttachment[]).map(fromRawAttachment);
	return { message: { ...fromRaw(row), attachments }, created: row.id === r.id };
}

/** Messages of a thread after a seq, oldest first, as a role may see them (for catching up), with their attachments. */
export async function messagesAfter(
	db: Db,
	threadId: string,
	after: number,
	role: ThreadRole,
	limit = 500
): Promise<ThreadMessage[]> {
	const where = and(
		eq(messages.threadId, threadId),
		gt(messages.seq, after),
		role === 'client' ? eq(messages.internal, false) : undefined
	);
	const [rows, attached] = await db.batch([
		db.select().from(messages).where(where).orderBy(asc(messages.seq)).limit(limit),
		attachmentsQuery(
			db,
			threadId,
			db.select({ id: messages.id }).from(messages).where(where).orderBy(asc(messages.seq)).limit(limit)
		)
	]);
	return withAttachments(rows, attached);
}

/** The attachments of the messages a subquery selects (ids), for one batch with the messages themselves. */
export function attachmentsQuery(db: Db, threadId: string, messageIds: SQLWrapper) {
	return db
		.select({
			messageId: files.messageId,
			id: files.id,
			name: files.name,
			contentType: files.contentType,
			sizeBytes: files.sizeBytes
		})
		.from(files)
		.where(and(inArray(files.messageId, messageIds), eq(files.threadId, threadId)))
		.orderBy(asc(files.createdAt), asc(files.id));
}

/** Message rows with their attachment rows put in place. */
export function withAttachments(
	rows: (typeof messages.$inferSelect)[],
	attached: (MessageAttachment & { messageId: string | null })[]
): ThreadMessage[] {
	const byMessage = new Map<string, MessageAttachment[]>();
	for (const { messageId, ...attachment } of attached) {
		if (!messageId) continue;
		byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), attachment]);
	}
	return rows.map((row) => toThreadMessage(row, byMessage.get(row.id) ?? []));
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

type RawAttachment = { id: string; name: string; content_type: string; size_bytes: number };

function fromRawAttachment(row: RawAttachment): MessageAttachment {
	return { id: row.id, name: row.name, contentType: row.content_type, sizeBytes: row.size_bytes };
}

function fromRaw(row: RawMessage): Omit<ThreadMessage, 'attachments'> {
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

export function toThreadMessage(
	row: typeof messages.$inferSelect,
	attachments: MessageAttachment[] = []
): ThreadMessage {
	return {
		id: row.id,
		seq: row.seq,
		authorKind: row.authorKind,
		authorKey: authorKey(row.authorKind, row.authorId),
		authorName: row.authorName,
		body: row.body,
		internal: row.internal,
		clientMsgId: row.clientMsgId,
		createdAt: row.createdAt,
		attachments
	};
}
