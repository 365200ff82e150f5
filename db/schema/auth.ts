import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, pk, timestamp } from './columns';

export type SessionKind = 'staff' | 'client';

/**
 * Server-side sessions. The id is the SHA-256 of the cookie value, so a leaked
 * database does not leak usable cookies. Revoking sets revokedAt.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: pk(),
		kind: text().$type<SessionKind>().notNull(),
		// Staff: the active workspace; client: the only workspace the session is valid for.
		workspaceId: text().notNull(),
		userId: text(),
		contactId: text(),
		clientId: text(),
		ip: text(),
		userAgent: text(),
		createdAt: createdAt(),
		lastSeenAt: integer().notNull(),
		expiresAt: integer().notNull(),
		revokedAt: timestamp()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_contact_idx').on(t.contactId)]
);

/**
 * The consumption ledger for magic-link tokens. Tokens themselves live in KV
 * (hash -> payload, 1 hour TTL); inserting the hash here is the atomic
 * "use once" step, because KV alone is eventually consistent.
 */
export const loginTokenUses = sqliteTable('login_token_uses', {
	tokenHash: text().primaryKey(),
	workspaceId: text().notNull(),
	usedAt: integer().notNull()
});

/** Fixed-window counters for rate limits (login requests per email and per IP, intake posts...). */
export const rateLimits = sqliteTable('rate_limits', {
	key: text().primaryKey(),
	windowStart: integer().notNull(),
	count: integer().notNull()
});
