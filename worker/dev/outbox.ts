import { desc, eq, or } from 'drizzle-orm';
import { emailLog } from '../../db/schema';
import type { Services } from '../services';
import { allShards } from '../services/shards';

export type OutboxEmail = {
	id: string;
	to: string;
	from: string;
	replyTo: string | null;
	subject: string;
	text: string;
	html: string;
	tag: string;
	status: string;
	attachments: { filename: string; contentType: string }[];
	sent_at: string;
};

/**
 * Each shard's services (worker/services/shards.ts), or only this request's: an email is
 * logged on the shard of the workspace or person it is for.
 */
const shardsOf = (services: Services, every: boolean | undefined) =>
	every ? allShards(services.config.shardDirectory).map((shard) => services.onShard(shard)) : [services];

/**
 * Development only: the emails CoPortal would have sent, newest first, on this request's shard
 * or, with `everyShard` (the outbox page), on all of them.
 */
export async function listOutbox(
	services: Services,
	opts: { to?: string; limit?: number; everyShard?: boolean } = {}
): Promise<OutboxEmail[]> {
	const limit = Math.min(opts.limit ?? 100, 500);
	const perShard = await Promise.all(
		shardsOf(services, opts.everyShard).map((on) =>
			on.db
				.select()
				.from(emailLog)
				.where(
					opts.to
						? eq(emailLog.to, opts.to.toLowerCase())
						: or(eq(emailLog.status, 'outbox'), eq(emailLog.status, 'sent'), eq(emailLog.status, 'failed'))
				)
				.orderBy(desc(emailLog.createdAt), desc(emailLog.id))
				.limit(limit)
		)
	);
	const rows = perShard
		.flat()
		.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
		.slice(0, limit);
	return rows.map((r) => ({
		id: r.id,
		to: r.to,
		from: r.from,
		replyTo: r.replyTo,
		subject: r.subject,
		text: r.text,
		html: r.html,
		tag: r.tag,
		status: r.status,
		attachments: r.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
		sent_at: new Date(r.sentAt ?? r.createdAt).toISOString()
	}));
}

/** Where the dev outbox page links an email's attachment (development only, like the page). */
export const outboxAttachmentPath = (emailId: string, index: number) =>
	`/dev/outbox/${encodeURIComponent(emailId)}/attachments/${index}`;

/**
 * Development only: one attachment of a logged email (on any shard), from R2 where the mailer
 * keeps it for retries, so the outbox can open what it lists. Null when the
 * email, the attachment or its bytes are gone.
 */
export async function openOutboxAttachment(
	services: Services,
	opts: { emailId: string; index: number }
): Promise<{ filename: string; contentType: string; bytes: Uint8Array } | null> {
	if (!Number.isInteger(opts.index) || opts.index < 0) return null;
	const found = await Promise.all(
		shardsOf(services, true).map((on) =>
			on.db.select({ attachments: emailLog.attachments }).from(emailLog).where(eq(emailLog.id, opts.emailId)).get()
		)
	);
	const ref = found.find((row) => row)?.attachments[opts.index];
	if (!ref) return null;
	const bytes = await services.storage.getBytes(ref.storageKey);
	return bytes ? { filename: ref.filename, contentType: ref.contentType, bytes } : null;
}
