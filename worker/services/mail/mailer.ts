import { and, asc, eq, lte, or } from 'drizzle-orm';
import { emailLog, type EmailAttachmentRef } from '../../../db/schema';
import type { AppConfig } from '../config';
import type { Clock } from '../clock';
import { isUniqueViolation, type Db } from '../db';
import { newId } from '../ids';
import type { BlobStore } from '../storage';
import { deliverViaResend } from './resend';
import type { Mailer, OutgoingEmail, SendResult } from './types';

export const MAX_EMAIL_ATTEMPTS = 6;

/**
 * A row still 'queued' this long after it was written was never delivered: the
 * Worker died between writing the log and hearing back from Resend (or writing
 * the outcome). The scheduled retry picks it up like a failure; the
 * Idempotency-Key (the log id) keeps Resend from sending it twice if the first
 * attempt did get through.
 */
export const STUCK_QUEUED_MS = 10 * 60_000;

/** Backoff after the n-th failed attempt: 1, 2, 4, 8, 16 minutes. */
export function retryDelayMs(attempts: number): number {
	return 60_000 * 2 ** Math.max(0, attempts - 1);
}

function formatFrom(mailFrom: string, fromName?: string): string {
	if (!fromName) return mailFrom;
	const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
	const safeName = fromName.replace(/["<>\r\n]/g, '').trim();
	return safeName ? `"${safeName}" <${address}>` : mailFrom;
}

type MailerDeps = {
	db: Db;
	config: AppConfig;
	clock: Clock;
	fetch: typeof fetch;
	storage: BlobStore;
	timeoutMs?: number;
};

/**
 * The one mail service. Every email is first written to the email log; then it
 * goes to Resend when RESEND_API_KEY is set, or stays in the log as the
 * development outbox (/dev/outbox) when it is not.
 */
export function createMailer(deps: MailerDeps): Mailer {
	return {
		async send(email: OutgoingEmail): Promise<SendResult> {
			const id = newId('eml');
			const now = deps.clock.now();
			const attachments: EmailAttachmentRef[] = [];
			for (const a of email.attachments ?? []) {
				const storageKey = `email-attachments/${id}/${attachments.length}`;
				await deps.storage.put(storageKey, a.content, { contentType: a.contentType });
				attachments.push({ filename: a.filename, storageKey, contentType: a.contentType });
			}
			const useResend = Boolean(deps.config.resendApiKey);
			const from = formatFrom(deps.config.mailFrom, email.fromName);
			try {
				await deps.db.insert(emailLog).values({
					id,
					workspaceId: email.workspaceId,
					to: email.to,
					from,
					replyTo: email.replyTo ?? null,
					subject: email.subject,
					text: email.text,
					html: email.html,
					tag: email.tag,
					attachments,
					status: useResend ? 'queued' : deps.config.isDevelopment ? 'outbox' : 'failed',
					lastError: useResend || deps.config.isDevelopment ? null : 'No mail provider configured (RESEND_API_KEY)',
					idempotencyKey: email.idempotencyKey ?? null,
					createdAt: now,
					sentAt: useResend ? null : now
				});
			} catch (error) {
				if (email.idempotencyKey && isUniqueViolation(error)) return { id, status: 'duplicate' };
				throw error;
			}
			if (!useResend) return { id, status: deps.config.isDevelopment ? 'outbox' : 'failed' };
			// What was just written is delivered as it stands: no need to read the row back.
			const row = {
				id,
				from,
				to: email.to,
				subject: email.subject,
				html: email.html,
				text: email.text,
				replyTo: email.replyTo ?? null,
				attachments,
				attempts: 0
			};
			return deliver(deps, row, email.attachments ?? []);
		}
	};
}

type DeliverableRow = Pick<
	typeof emailLog.$inferSelect,
	'id' | 'from' | 'to' | 'subject' | 'html' | 'text' | 'replyTo' | 'attachments' | 'attempts'
>;

async function deliverById(deps: MailerDeps, id: string): Promise<SendResult> {
	const row = await deps.db.select().from(emailLog).where(eq(emailLog.id, id)).get();
	if (!row) return { id, status: 'failed', error: 'missing' };
	return deliver(deps, row);
}

async function deliver(
	deps: MailerDeps,
	row: DeliverableRow,
	inlineAttachments?: { filename: string; content: Uint8Array }[]
): Promise<SendResult> {
	const { id } = row;
	let attachments = inlineAttachments;
	if (!attachments || attachments.length !== row.attachments.length) {
		attachments = [];
		for (const ref of row.attachments) {
			const bytes = await deps.storage.getBytes(ref.storageKey);
			if (bytes) attachments.push({ filename: ref.filename, content: bytes });
		}
	}
	const outcome = await deliverViaResend({
		fetch: deps.fetch,
		apiKey: deps.config.resendApiKey!,
		idempotencyKey: id,
		timeoutMs: deps.timeoutMs,
		payload: {
			from: row.from,
			to: [row.to],
			subject: row.subject,
			html: row.html,
			text: row.text,
			...(row.replyTo ? { replyTo: row.replyTo } : {}),
			// Name and bytes only (the SDK sends bytes as base64), the same on a retry from R2.
			...(attachments.length
				? { attachments: attachments.map((a) => ({ filename: a.filename, content: a.content })) }
				: {})
		}
	});
	const now = deps.clock.now();
	const attempts = row.attempts + 1;
	if (outcome.ok) {
		await deps.db
			.update(emailLog)
			.set({
				status: 'sent',
				providerId: outcome.providerId,
				attempts,
				sentAt: now,
				lastError: null,
				nextAttemptAt: null
			})
			.where(eq(emailLog.id, id));
		return { id, status: 'sent' };
	}
	const giveUp = !outcome.retryable || attempts >= MAX_EMAIL_ATTEMPTS;
	await deps.db
		.update(emailLog)
		.set({
			status: 'failed',
			attempts,
			lastError: outcome.error,
			nextAttemptAt: giveUp ? null : now + retryDelayMs(attempts)
		})
		.where(eq(emailLog.id, id));
	return { id, status: 'failed', error: outcome.error, retrying: !giveUp };
}

/** Scheduled handler: resend failed emails whose retry time has come, and emails stuck in 'queued'. */
export async function retryFailedEmails(deps: MailerDeps, limit = 25): Promise<number> {
	if (!deps.config.resendApiKey) return 0;
	const now = deps.clock.now();
	const due = await deps.db
		.select({ id: emailLog.id })
		.from(emailLog)
		.where(
			or(
				and(eq(emailLog.status, 'failed'), lte(emailLog.nextAttemptAt, now)),
				and(eq(emailLog.status, 'queued'), lte(emailLog.createdAt, now - STUCK_QUEUED_MS))
			)
		)
		.orderBy(asc(emailLog.createdAt))
		.limit(limit);
	for (const { id } of due) await deliverById(deps, id);
	return due.length;
}
