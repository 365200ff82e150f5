import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, pk, timestamp } from './columns';

export type SessionKind = 'staff' | 'client';
/** How a session was first granted: an emailed link, a passkey on its own, or confirming a sign-up. */
/** `workspace_switch`: opened from a session in a workspace on another shard (workspaces/switch-shard.ts). */
export type SignInMethod = 'magic_link' | 'passkey' | 'signup' | 'workspace_switch';
/** The second factor that raised a session's assurance (sessions.mfaMethod). */
export type SecondFactorMethod = 'passkey' | 'totp' | 'recovery_code';

/**
 * Server-side sessions. The id is the SHA-256 of the cookie value, so a leaked
 * database does not leak usable cookies. Revoking sets revokedAt. `publicId` is
 * how pages and the API name a session (the sessions list, "sign out"); the id
 * itself never leaves the server. A staff session's assurance: `mfaAt` is when a
 * second factor (or a passkey on its own) was verified in it; null means the
 * email link alone (see domain/auth/assurance.ts for what that may reach).
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: pk(),
		publicId: text(),
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
		revokedAt: timestamp(),
		signInMethod: text().$type<SignInMethod>().notNull().default('magic_link'),
		mfaAt: timestamp(),
		mfaMethod: text().$type<SecondFactorMethod>()
	},
	(t) => [
		index('sessions_user_idx').on(t.userId),
		index('sessions_contact_idx').on(t.contactId),
		uniqueIndex('sessions_public_id_uq').on(t.publicId)
	]
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
