import { sql, type SQL } from 'drizzle-orm';
import type { AnyColumn } from 'drizzle-orm';
import type { SignInMethod, StaffRole } from '../../../db/schema';

/**
 * A staff session's assurance. A session signed in with an email link alone is
 * enough for the dashboard only while the person has no second factor and their
 * workspace does not require one. Otherwise it is *pending*: it can finish signing
 * in (`verify`: a passkey, an authenticator code or a recovery code) or, with no
 * factor yet in a workspace that requires one, set one up (`enrol`), and nothing else.
 * A session records when a factor was verified in it (`sessions.mfaAt`); a passkey
 * sign-in on its own counts (possession of the key plus the device's user verification).
 */
export type SecondFactorNeed = 'verify' | 'enrol';

export function secondFactorNeed(session: {
	mfaAt: number | null;
	hasFactor: boolean;
	required: boolean;
}): SecondFactorNeed | null {
	if (session.mfaAt !== null) return null;
	if (session.hasFactor) return 'verify';
	if (session.required) return 'enrol';
	return null;
}

/** Who a pending session belongs to: enough to finish signing in, never a staff actor. */
export type PendingStaff = {
	need: SecondFactorNeed;
	sessionId: string;
	userId: string;
	name: string;
	email: string;
	workspaceId: string;
	role: StaffRole;
	/** How the first step was taken: an email link, or opening the workspace from another shard's session. */
	signInMethod: SignInMethod;
};

/**
 * Whether the person has a second factor (a passkey or a confirmed authenticator app), as one SQL
 * expression. Give it the user id as a value, or a column of a query that joins tables (drizzle
 * qualifies columns only then; an unqualified "id" would mean the subquery's own).
 */
export function hasSecondFactorSql(userId: AnyColumn | SQL | string): SQL<number> {
	return sql<number>`(exists (select 1 from passkeys where passkeys.user_id = ${userId}) or exists (select 1 from totp_factors where totp_factors.user_id = ${userId} and totp_factors.confirmed_at is not null))`;
}

/** A pending sign-in lasts this long: long enough to find a phone, short enough not to linger. */
export const PENDING_SESSION_TTL_MS = 15 * 60 * 1000;
