import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, flag, pk, timestamp } from './columns';
import { users } from './workspaces';

// A staff member's second factors. They belong to the person (users), not to a
// workspace: one sign-in on the dashboard serves every workspace they are in, so
// these tables are global like users and are only ever read by user id.

/** WebAuthn credentials (passkeys and security keys) registered by a staff member. */
export const passkeys = sqliteTable(
	'passkeys',
	{
		id: pk(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		// base64url credential id, as the browser reports it.
		credentialId: text().notNull(),
		// base64url COSE public key.
		publicKey: text().notNull(),
		// The signature counter last seen; a credential reporting a lower one is a clone.
		counter: integer().notNull().default(0),
		transports: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
		deviceType: text().$type<'singleDevice' | 'multiDevice'>().notNull(),
		backedUp: flag(false),
		name: text().notNull(),
		createdAt: createdAt(),
		lastUsedAt: timestamp()
	},
	(t) => [uniqueIndex('passkeys_credential_uq').on(t.credentialId), index('passkeys_user_idx').on(t.userId)]
);

/**
 * Authenticator apps (RFC 6238). The secret is AES-GCM encrypted like the Paystack
 * keys. A row is pending until a code from it is confirmed; a person has at most one
 * confirmed row. `lastUsedStep` is the newest 30-second step a code was accepted
 * for: a code is only accepted for a later step, so none is used twice.
 */
export const totpFactors = sqliteTable(
	'totp_factors',
	{
		id: pk(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretEnc: text().notNull(),
		confirmedAt: timestamp(),
		lastUsedStep: integer(),
		createdAt: createdAt()
	},
	(t) => [
		index('totp_factors_user_idx').on(t.userId),
		uniqueIndex('totp_factors_confirmed_uq')
			.on(t.userId)
			.where(sql`confirmed_at IS NOT NULL`)
	]
);

/** One-time recovery codes: only their SHA-256 is kept (they are 50 random bits each). */
export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		id: pk(),
		userId: text()
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text().notNull(),
		usedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('recovery_codes_user_code_uq').on(t.userId, t.codeHash)]
);

export type WebAuthnPurpose = 'register' | 'second_factor' | 'sign_in';

/**
 * Outstanding WebAuthn challenges, by the SHA-256 of the challenge. Each is used at
 * most once: verifying deletes the row (DELETE ... RETURNING), and it only counts
 * for the session (or, for a passwordless sign-in, nobody yet) it was issued to.
 */
export const webauthnChallenges = sqliteTable(
	'webauthn_challenges',
	{
		id: pk(),
		purpose: text().$type<WebAuthnPurpose>().notNull(),
		userId: text(),
		sessionId: text(),
		expiresAt: integer().notNull(),
		createdAt: createdAt()
	},
	(t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)]
);
