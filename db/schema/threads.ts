import { index, integer, sqliteTable, text, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, timestamp } from './columns';
import { workspaces } from './workspaces';

export type AuthorKind = 'staff' | 'client' | 'system';

/** A named conversation on a project. Each thread is served live by one ThreadRoom Durable Object. */
export const threads = sqliteTable(
	'threads',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text().notNull(),
		title: text().notNull(),
		// A staff-only thread is never listed in the portal.
		internal: flag(false),
		createdByKind: text().$type<AuthorKind>().notNull(),
		createdById: text(),
		lastSeq: integer().notNull().default(0),
		lastMessageAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [
		index('threads_project_idx').on(t.projectId, t.lastMessageAt),
		index('threads_ws_client_idx').on(t.workspaceId, t.clientId)
	]
);

/**
 * Messages, ordered per thread by seq (assigned by the thread's Durable Object).
 * clientMsgId makes a retried post idempotent. Internal notes are staff-only.
 */
export const messages = sqliteTable(
	'messages',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		threadId: text().notNull(),
		seq: integer().notNull(),
		authorKind: text().$type<AuthorKind>().notNull(),
		authorId: text(),
		authorName: text().notNull(),
		body: text().notNull(),
		internal: flag(false),
		clientMsgId: text(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('messages_thread_seq_uq').on(t.threadId, t.seq),
		uniqueIndex('messages_thread_client_msg_uq').on(t.threadId, t.clientMsgId)
	]
);

/** How far a reader ('user:<id>' or 'contact:<id>') has read a thread, for unread counts. */
export const threadReads = sqliteTable(
	'thread_reads',
	{
		threadId: text().notNull(),
		readerKey: text().notNull(),
		workspaceId: text().notNull(),
		lastReadSeq: integer().notNull().default(0),
		updatedAt: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.threadId, t.readerKey] })]
);

export type NotificationAudience = 'staff' | 'client';

/**
 * Pending "new messages" emails, at most one row per thread and audience. A
 * message that should notify upserts its row (fromSeq stays, uptoSeq grows);
 * the cron sends one email for the whole range once dueAt has passed, so a
 * burst of messages becomes one email. Written in the same D1 batch as the
 * message it is about. Internal notes never create one.
 */
export const threadNotifications = sqliteTable(
	'thread_notifications',
	{
		threadId: text().notNull(),
		audience: text().$type<NotificationAudience>().notNull(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		fromSeq: integer().notNull(),
		uptoSeq: integer().notNull(),
		dueAt: integer().notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.threadId, t.audience] }), index('thread_notifications_due_idx').on(t.dueAt)]
);
