import { desc, eq, or } from 'drizzle-orm';
import { emailLog } from '../../db/schema';
import type { Services } from '../services';

export type OutboxEmail = {
	id: string;
	to: string;
	from: string;
	subject: string;
	text: string;
	html: string;
	tag: string;
	status: string;
	attachments: { filename: string; contentType: string }[];
	sent_at: string;
};

/** Development only: the emails CoPortal would have sent, newest first. */
export async function listOutbox(services: Services, opts: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
	const rows = await services.db
		.select()
		.from(emailLog)
		.where(opts.to ? eq(emailLog.to, opts.to.toLowerCase()) : or(eq(emailLog.status, 'outbox'), eq(emailLog.status, 'sent'), eq(emailLog.status, 'failed')))
		.orderBy(desc(emailLog.createdAt), desc(emailLog.id))
		.limit(Math.min(opts.limit ?? 100, 500));
	return rows.map((r) => ({
		id: r.id,
		to: r.to,
		from: r.from,
		subject: r.subject,
		text: r.text,
		html: r.html,
		tag: r.tag,
		status: r.status,
		attachments: r.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
		sent_at: new Date(r.sentAt ?? r.createdAt).toISOString()
	}));
}
