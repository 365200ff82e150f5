import { and, asc, between, eq, isNotNull, lte } from 'drizzle-orm';
import {
	clients,
	files,
	messages,
	projects,
	threadNotifications,
	threads,
	workspaces,
	type AuthorKind
} from '../../../db/schema';
import type { Services } from '../../services';
import { brandOf } from '../branding/brand';
import { formatDateTime } from '../format';
import { emailClientContacts, emailStaff } from '../notifications/notify';
import type { Workspace } from '../scope';

/** At most this many messages are quoted in one email (the newest); the link shows the rest. */
const QUOTED_MAX = 10;

type Due = {
	note: typeof threadNotifications.$inferSelect;
	title: string;
	projectId: string;
	projectName: string;
	clientName: string;
	workspace: Workspace;
};

/**
 * Cron: sends the "new messages" emails whose batching window has passed, one
 * per thread and audience for every message in its range: a client's messages
 * to the workspace's staff, staff replies to the client's contacts. Internal
 * notes are never in the range's query (nor do they create a row). The email's
 * idempotency key is the range, so a crash or an overlapping run never sends
 * it twice; a message that arrived during the send keeps its row for next time.
 */
export async function sendDueThreadNotifications(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const due: Due[] = await db
		.select({
			note: threadNotifications,
			title: threads.title,
			projectId: threads.projectId,
			projectName: projects.name,
			clientName: clients.name,
			workspace: workspaces
		})
		.from(threadNotifications)
		.innerJoin(threads, eq(threads.id, threadNotifications.threadId))
		.innerJoin(projects, eq(projects.id, threads.projectId))
		.innerJoin(clients, eq(clients.id, threads.clientId))
		.innerJoin(workspaces, eq(workspaces.id, threadNotifications.workspaceId))
		.where(and(lte(threadNotifications.dueAt, services.clock.now()), eq(threads.internal, false)))
		.orderBy(asc(threadNotifications.dueAt))
		.limit(opts.limit ?? 25);
	for (const item of due) {
		const { note } = item;
		const authorKind: AuthorKind = note.audience === 'staff' ? 'client' : 'staff';
		const inRange = and(
			eq(messages.threadId, note.threadId),
			between(messages.seq, note.fromSeq, note.uptoSeq),
			eq(messages.internal, false),
			eq(messages.authorKind, authorKind)
		);
		const [rows, attached] = await db.batch([
			db
				.select({
					id: messages.id,
					authorName: messages.authorName,
					body: messages.body,
					createdAt: messages.createdAt
				})
				.from(messages)
				.where(inRange)
				.orderBy(asc(messages.seq)),
			db
				.select({ messageId: files.messageId, name: files.name })
				.from(files)
				.innerJoin(messages, eq(messages.id, files.messageId))
				.where(and(inRange, isNotNull(files.messageId), eq(files.threadId, note.threadId)))
				.orderBy(asc(files.createdAt))
		]);
		// Attachments are named under their message (never their bytes: the link leads to the portal or dashboard).
		const batch = rows.map((m) => {
			const names = attached.filter((a) => a.messageId === m.id).map((a) => `[file: ${a.name}]`);
			return { ...m, body: [m.body, ...names].filter(Boolean).join('\n') };
		});
		if (batch.length) await sendOne(services, item, batch);
		await clear(services, note);
	}
	return due.length;
}

async function sendOne(
	services: Services,
	item: Due,
	batch: { authorName: string; body: string; createdAt: number }[]
) {
	const { note, workspace } = item;
	const quoted = batch.slice(-QUOTED_MAX);
	// Each recipient reads the times in their own zone (notify.ts renders per zone).
	const quote = (timeZone: string) =>
		quoted.map((m) => `${m.authorName} · ${formatDateTime(m.createdAt, timeZone)}\n${m.body}`).join('\n\n');
	const earlier = batch.length - quoted.length;
	const many = batch.length > 1;
	const scope = { services, workspace };
	const idempotencyKey = `thread-notify:${note.threadId}:${note.audience}:${note.fromSeq}-${note.uptoSeq}`;
	const paragraphs = [
		`Project: ${item.projectName}`,
		...(earlier ? [`…and ${earlier} earlier message${earlier === 1 ? '' : 's'} in the conversation.`] : [])
	];
	if (note.audience === 'staff') {
		const url = services.urls.app(`/projects/${item.projectId}/threads/${note.threadId}`);
		await emailStaff(scope, 'messages', {
			subject: many
				? `${batch.length} new messages from ${item.clientName} in "${item.title}"`
				: `${item.clientName} wrote in "${item.title}"`,
			tag: 'thread-message',
			idempotencyKey,
			content: (timeZone) => ({
				preheader: quoted.at(-1)!.body.slice(0, 120),
				heading: `New message${many ? 's' : ''} in "${item.title}"`,
				paragraphs,
				quote: quote(timeZone),
				button: { label: 'Open the conversation', url },
				footnote:
					'You get this because a client wrote in a project thread. Switch message emails off in Settings → Notifications.'
			})
		});
	} else {
		const brand = brandOf(workspace, services.urls);
		const url = services.urls.portal(workspace, `/projects/${item.projectId}/messages/${note.threadId}`);
		await emailClientContacts(scope, note.clientId, {
			subject: many
				? `${batch.length} new messages from ${brand.name}: ${item.title}`
				: `New message from ${brand.name}: ${item.title}`,
			tag: 'thread-message',
			idempotencyKey,
			content: (timeZone) => ({
				preheader: quoted.at(-1)!.body.slice(0, 120),
				heading: `New message${many ? 's' : ''} in "${item.title}"`,
				paragraphs,
				quote: quote(timeZone),
				button: { label: 'Read and reply', url },
				footnote: 'Reply from your portal: answers to this email are not delivered to the conversation.'
			})
		});
	}
}

/** Removes the row if no message joined it meanwhile; otherwise keeps only the part not yet sent. */
async function clear(services: Services, note: typeof threadNotifications.$inferSelect) {
	const db = services.db;
	const key = and(eq(threadNotifications.threadId, note.threadId), eq(threadNotifications.audience, note.audience));
	const removed = await db
		.delete(threadNotifications)
		.where(and(key, eq(threadNotifications.uptoSeq, note.uptoSeq)))
		.run();
	if (removed.meta.changes === 0) {
		await db
			.update(threadNotifications)
			.set({ fromSeq: note.uptoSeq + 1 })
			.where(and(key, eq(threadNotifications.fromSeq, note.fromSeq)))
			.run();
	}
}
