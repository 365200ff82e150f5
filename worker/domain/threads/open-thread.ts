import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { messages, projects, threadReads, threads } from '../../../db/schema';
import { requireMember } from '../actor';
import { notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { readMarkerUpsert } from './mark-thread-read';
import { attachmentsQuery, withAttachments } from './message-store';
import { MESSAGES_PAGE_SIZE, readerKeyOf, roleOf, type ThreadMessage, type ThreadRole } from './model';
import { messageScope, threadScope } from './thread-scope';

export type ThreadView = {
	thread: { id: string; title: string; internal: boolean; projectId: string; projectName: string; createdAt: number };
	/** Oldest first. */
	messages: ThreadMessage[];
	/** Set when showing an older page (?before=seq). */
	before: number | null;
	/** The seq to ask for older messages, if there are any. */
	earlierBefore: number | null;
	/** Where a live socket picks up: the newest seq on this page. */
	lastSeq: number;
	/** The reader's marker before this visit: messages after it are new to them. */
	lastReadSeq: number;
	role: ThreadRole;
	readerKey: string;
};

const inputSchema = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

/**
 * A thread page: the thread, one page of the messages the actor may see
 * (newest page unless ?before=seq) with their attachments, and their read marker, in one D1 batch.
 * Viewing the newest page marks it read.
 */
export async function openThread(opts: Scope & { threadId: string; input?: unknown }): Promise<ThreadView> {
	const actor = requireMember(opts.actor);
	const { before } = parseInput(inputSchema, opts.input ?? {});
	const readerKey = readerKeyOf(actor)!;
	const db = opts.services.db;
	const pageWhere = and(
		messageScope(opts),
		eq(messages.threadId, opts.threadId),
		before ? lt(messages.seq, before) : undefined
	);
	// Through the read batcher: the project layout's header reads join this batch (one round trip, not two).
	const [threadRows, messageRows, readRows, attached] = await opts.services.reads.batch([
		db
			.select({ thread: threads, projectName: projects.name })
			.from(threads)
			.innerJoin(projects, eq(projects.id, threads.projectId))
			.where(and(threadScope(opts), eq(threads.id, opts.threadId))),
		db
			.select()
			.from(messages)
			.where(pageWhere)
			.orderBy(desc(messages.seq))
			.limit(MESSAGES_PAGE_SIZE + 1),
		db
			.select({ lastReadSeq: threadReads.lastReadSeq })
			.from(threadReads)
			.where(
				and(
					eq(threadReads.threadId, opts.threadId),
					eq(threadReads.readerKey, readerKey),
					eq(threadReads.workspaceId, opts.workspace.id)
				)
			),
		// The attachments of exactly the messages above (the same scope: never an internal note's for a client).
		attachmentsQuery(
			db,
			opts.threadId,
			db
				.select({ id: messages.id })
				.from(messages)
				.where(pageWhere)
				.orderBy(desc(messages.seq))
				.limit(MESSAGES_PAGE_SIZE)
		)
	]);
	const row = threadRows[0];
	if (!row) throw notFound('That conversation');
	const page = withAttachments(messageRows.slice(0, MESSAGES_PAGE_SIZE).reverse(), attached);
	const lastReadSeq = readRows[0]?.lastReadSeq ?? 0;
	const newest = page.at(-1)?.seq ?? 0;
	if (!before && newest > lastReadSeq) await readMarkerUpsert(opts, row.thread.id, newest);
	return {
		thread: {
			id: row.thread.id,
			title: row.thread.title,
			internal: row.thread.internal,
			projectId: row.thread.projectId,
			projectName: row.projectName,
			createdAt: row.thread.createdAt
		},
		messages: page,
		before: before ?? null,
		earlierBefore: messageRows.length > MESSAGES_PAGE_SIZE ? page[0].seq : null,
		lastSeq: newest,
		lastReadSeq,
		role: roleOf(actor)!,
		readerKey
	};
}
