import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { projects, threads } from '../../../db/schema';
import { requireMember } from '../actor';
import { notFound, parseInput } from '../errors';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { readerKeyOf } from './model';
import { threadScope } from './thread-scope';

export type ThreadSummary = {
	id: string;
	title: string;
	internal: boolean;
	createdAt: number;
	messageCount: number;
	/** Messages the viewer may see, by others, after their read marker. */
	unread: number;
	lastMessageAt: number | null;
	lastAuthorName: string | null;
	lastSnippet: string | null;
};

const inputSchema = z.object({
	projectId: z.string({ error: 'Say which project.' }).min(1, 'Say which project.'),
	page: z.unknown().optional(),
	pageSize: z.unknown().optional()
});

/**
 * The threads of a project the actor may see, most recently active first, with
 * unread counts, in one D1 batch. For a client, internal notes are not
 * counted, not previewed and do not move a thread up.
 */
export async function listThreads(opts: Scope & { input: unknown }): Promise<Page<ThreadSummary>> {
	const actor = requireMember(opts.actor);
	const input = parseInput(inputSchema, opts.input);
	const pageReq = pageFrom(input as Record<string, unknown>);
	const db = opts.services.db;
	// Qualified by hand: inside a subquery drizzle would print a bare "id", which SQLite binds to messages.id.
	const threadId = sql.raw('"threads"."id"');
	const visible = actor.kind === 'client' ? sql` and m.internal = 0` : sql``;
	const byViewer = sql`m.author_kind = ${actor.kind} and m.author_id = ${actor.kind === 'staff' ? actor.userId : actor.contactId}`;
	const latest = (column: ReturnType<typeof sql>) =>
		sql<
			string | null
		>`(select ${column} from messages m where m.thread_id = ${threadId}${visible} order by m.seq desc limit 1)`;
	const lastMessageAt = sql<
		number | null
	>`(select max(m.created_at) from messages m where m.thread_id = ${threadId}${visible})`;
	const { limit, offset } = limitOffset(pageReq);
	const [projectRows, rows] = await db.batch([
		db
			.select({ id: projects.id })
			.from(projects)
			.where(and(clientScope(projects, opts), eq(projects.id, input.projectId))),
		db
			.select({
				id: threads.id,
				title: threads.title,
				internal: threads.internal,
				createdAt: threads.createdAt,
				messageCount: sql<number>`(select count(*) from messages m where m.thread_id = ${threadId}${visible})`.as(
					'message_count'
				),
				unread: sql<number>`(select count(*) from messages m where m.thread_id = ${threadId}${visible}
					and m.seq > coalesce((select r.last_read_seq from thread_reads r where r.thread_id = ${threadId} and r.reader_key = ${readerKeyOf(actor)}), 0)
					and not (${byViewer}))`.as('unread'),
				lastMessageAt: lastMessageAt.as('last_message_at'),
				lastAuthorName: latest(sql`m.author_name`).as('last_author_name'),
				// A message of attachments only has no text.
				lastSnippet: latest(sql`coalesce(nullif(substr(m.body, 1, 160), ''), '(sent files)')`).as('last_snippet')
			})
			.from(threads)
			.where(and(threadScope(opts), eq(threads.projectId, input.projectId)))
			.orderBy(desc(sql`coalesce(${lastMessageAt}, ${threads.createdAt})`), desc(threads.id))
			.limit(limit)
			.offset(offset)
	]);
	if (!projectRows[0]) throw notFound('That project');
	return toPage(rows, pageReq);
}
