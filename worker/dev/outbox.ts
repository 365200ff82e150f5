import { desc, eq, or } from 'drizzle-orm';
import { emailLog } from '../../db/schema';
import type { Services } from '../services';

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

/** Development only: the emails CoPortal would have sent, newest first. */
export async function listOutbox(
	services: Services,
	opts: { to?: string; limit?: number } = {}
): Promise<OutboxEmail[]> {
	const rows = await services.db
		.select()
		.from(emailLog)
		.where(
			opts.to
				? eq(emailLog.to, opts.to.toLowerCase())
				: or(eq(emailLog.status, 'outbox'), eq(emailLog.status, 'sent'), eq(emailLog.status, 'failed'))
		)
		.orderBy(desc(emailLog.createdAt), desc(emailLog.id))
		.limit(Math.min(opts.limit ?? 100, 500));
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
 * Development only: one attachment of a logged email, from R2 where the mailer
 * keeps it for retries, so the outbox can open what it lists. Null when the
 * email, the attachment or its bytes are gone.
 */
export async function openOutboxAttachment(
	services: Services,
	opts: { emailId: string; index: number }
): Promise<{ filename: string; contentType: string; bytes: Uint8Array } | null> {
	if (!Number.isInteger(opts.index) || opts.index < 0) return null;
	const row = await services.db
		.select({ attachments: emailLog.attachments })
		.from(emailLog)
		.where(eq(emailLog.id, opts.emailId))
		.get();
	const ref = row?.attachments[opts.index];
	if (!ref) return null;
	const bytes = await services.storage.getBytes(ref.storageKey);
	return bytes ? { filename: ref.filename, contentType: ref.contentType, bytes } : null;
}
