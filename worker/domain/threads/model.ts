import type { AuthorKind, NotificationAudience } from '../../../db/schema';
import type { Actor } from '../actor';

/** Longest message body, in characters (after trimming). */
export const MESSAGE_MAX_CHARS = 5000;
export const TITLE_MAX_CHARS = 120;
/** A burst of messages within this window after the first becomes one email. */
export const NOTIFY_BATCH_MS = 2 * 60 * 1000;
/** Messages per page of a thread (newest page first). */
export const MESSAGES_PAGE_SIZE = 50;
/** Most files one message carries (each within the upload size limit). */
export const MAX_ATTACHMENTS = 10;
/** An attachment uploaded for a message that was never sent is removed by the cron after this long. */
export const PENDING_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** A file attached to a message: what pages, the API and sockets show of it (the bytes are in R2, behind find-attachment.ts). */
export type MessageAttachment = { id: string; name: string; contentType: string; sizeBytes: number };

/** Who a socket or reader is: staff see internal notes, clients never do. */
export type ThreadRole = 'staff' | 'client';

/** A message as pages, the API and sockets show it. */
export type ThreadMessage = {
	id: string;
	seq: number;
	authorKind: AuthorKind;
	/** 'user:<id>' or 'contact:<id>': lets a page tell its viewer's own messages apart. */
	authorKey: string | null;
	authorName: string;
	body: string;
	internal: boolean;
	clientMsgId: string | null;
	createdAt: number;
	/** Oldest first; empty for most messages. */
	attachments: MessageAttachment[];
};

/** What a ThreadRoom is asked to store and fan out; decided by postMessage. */
export type MessageRecord = {
	id: string;
	threadId: string;
	workspaceId: string;
	clientId: string;
	authorKind: AuthorKind;
	authorId: string | null;
	authorName: string;
	body: string;
	internal: boolean;
	clientMsgId: string;
	createdAt: number;
	/** Who gets an email about it (batched), or nobody. */
	notify: { audience: NotificationAudience; dueAt: number } | null;
	/** Pending attachments (uploaded by the author to this thread) that the message takes, in the same batch. */
	attachmentIds?: string[];
};

/** Set by the Worker on the upgrade it forwards to a ThreadRoom, after it checked the session and the thread. */
export const ROOM_HEADERS = {
	threadId: 'x-coportal-thread',
	role: 'x-coportal-role',
	reader: 'x-coportal-reader',
	session: 'x-coportal-session',
	shard: 'x-coportal-shard'
} as const;

/**
 * Which of a room's sockets to close: every socket of a reader (their access
 * ended) or those opened with one session (it was signed out).
 */
export type SocketSelector = { readerKey: string } | { sessionId: string } | { sessionIds: string[] };

/** Frames a ThreadRoom sends over a socket. */
export type ServerFrame = { type: 'message'; message: ThreadMessage } | { type: 'ready'; lastSeq: number };

export function roleOf(actor: Actor): ThreadRole | null {
	if (actor.kind === 'staff') return 'staff';
	if (actor.kind === 'client') return 'client';
	return null;
}

/** The key of thread_reads and of ThreadMessage.authorKey. */
export function readerKeyOf(actor: Actor): string | null {
	if (actor.kind === 'staff') return `user:${actor.userId}`;
	if (actor.kind === 'client') return `contact:${actor.contactId}`;
	return null;
}

export function authorKey(kind: AuthorKind, id: string | null): string | null {
	if (!id) return null;
	return kind === 'staff' ? `user:${id}` : kind === 'client' ? `contact:${id}` : null;
}

/** Which socket tags a message is fanned out to: internal notes reach staff sockets only. */
export function socketAudience(message: Pick<ThreadMessage, 'internal'>): ThreadRole[] {
	return message.internal ? ['staff'] : ['staff', 'client'];
}
