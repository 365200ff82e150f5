import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, pk, timestamp } from './columns';

export type EmailStatus = 'queued' | 'sent' | 'failed' | 'outbox';
export type EmailAttachmentRef = { filename: string; storageKey: string; contentType: string };

/**
 * Every email CoPortal sends. In development (no RESEND_API_KEY) rows with
 * status 'outbox' are the dev outbox; in production 'failed' rows are retried
 * by the scheduled handler until attempts run out.
 */
export const emailLog = sqliteTable(
	'email_log',
	{
		id: pk(),
		workspaceId: text(),
		to: text().notNull(),
		from: text().notNull(),
		replyTo: text(),
		subject: text().notNull(),
		text: text().notNull(),
		html: text().notNull(),
		tag: text().notNull(),
		attachments: text({ mode: 'json' }).$type<EmailAttachmentRef[]>().notNull().default([]),
		status: text().$type<EmailStatus>().notNull(),
		providerId: text(),
		attempts: integer().notNull().default(0),
		lastError: text(),
		nextAttemptAt: timestamp(),
		idempotencyKey: text(),
		createdAt: createdAt(),
		sentAt: timestamp()
	},
	(t) => [
		index('email_log_status_next_idx').on(t.status, t.nextAttemptAt),
		index('email_log_created_idx').on(t.createdAt),
		uniqueIndex('email_log_idempotency_uq').on(t.idempotencyKey)
	]
);
