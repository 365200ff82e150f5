import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { sessions, type SecondFactorMethod, type SignInMethod } from '../../../db/schema';
import { newId } from '../../services/ids';
import { randomToken, sha256Hex } from '../../services/crypto';
import type { AppConfig, Services } from '../../services';
import { boundedIp, boundedUserAgent } from '../request-source';
import { DEFAULT_SHARD } from '../../services/shards';

export const SESSION_COOKIE = 'cp_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sessions slide: a request after this long since lastSeen extends expiry. */
export const SESSION_TOUCH_MS = 24 * 60 * 60 * 1000;

export type NewSession = {
	kind: 'staff' | 'client';
	signInMethod?: SignInMethod;
	/** A session that starts with a verified second factor (a passkey sign-in). */
	mfa?: { method: SecondFactorMethod };
	/** Shorter than SESSION_TTL_MS for a sign-in still waiting for its second factor. */
	ttlMs?: number;
	workspaceId: string;
	userId?: string;
	contactId?: string;
	clientId?: string;
	ip?: string | null;
	userAgent?: string | null;
};

/**
 * A staff session on another shard than the default names it in its cookie, after the random
 * part (`<token>.DB_SHARD_2`): the dashboard has one host for every workspace, so the cookie
 * is what tells the request start which database holds the session (worker/request-context.ts).
 * The whole value is hashed into the session id, so changing the name finds no session.
 */
/** The shard name a staff session cookie carries, unchecked (null: none, the default shard). */
export function sessionCookieShard(cookieValue: string | undefined): string | null {
	const dot = cookieValue?.lastIndexOf('.') ?? -1;
	return dot < 0 ? null : cookieValue!.slice(dot + 1);
}

/** A fresh session: the cookie value (returned once) and the insert of its hash. */
export async function newSessionInsert(services: Services, input: NewSession) {
	const random = randomToken(32);
	const token = input.kind === 'staff' && services.shard !== DEFAULT_SHARD ? `${random}.${services.shard}` : random;
	const now = services.clock.now();
	const expiresAt = now + (input.ttlMs ?? SESSION_TTL_MS);
	const id = await sha256Hex(token);
	const publicId = newId('ses');
	const insert = services.db.insert(sessions).values({
		id,
		publicId,
		kind: input.kind,
		signInMethod: input.signInMethod ?? 'magic_link',
		mfaAt: input.mfa ? now : null,
		mfaMethod: input.mfa?.method ?? null,
		workspaceId: input.workspaceId,
		userId: input.userId ?? null,
		contactId: input.contactId ?? null,
		clientId: input.clientId ?? null,
		ip: boundedIp(input.ip),
		userAgent: boundedUserAgent(input.userAgent),
		createdAt: now,
		lastSeenAt: now,
		expiresAt
	});
	return { token, id, publicId, insert, expiresAt };
}

export async function sessionIdFromCookie(cookieValue: string | undefined): Promise<string | null> {
	if (!cookieValue || cookieValue.length < 20 || cookieValue.length > 100) return null;
	return sha256Hex(cookieValue);
}

export async function revokeSession(services: Services, sessionId: string): Promise<void> {
	await services.db
		.update(sessions)
		.set({ revokedAt: services.clock.now() })
		.where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/**
 * Ends every session of a staff member in a workspace (used when a member is
 * removed). `onlyIf` makes it conditional, for a batch whose removal may not happen.
 */
export function revokeStaffSessionsUpdate(services: Services, workspaceId: string, userId: string, onlyIf?: SQL) {
	return services.db
		.update(sessions)
		.set({ revokedAt: services.clock.now() })
		.where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.userId, userId), isNull(sessions.revokedAt), onlyIf));
}

/** Ends every session of a client contact (archived contact or client). */
export function revokeContactSessionsUpdate(services: Services, workspaceId: string, contactId: string) {
	return services.db
		.update(sessions)
		.set({ revokedAt: services.clock.now() })
		.where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.contactId, contactId), isNull(sessions.revokedAt)));
}

/**
 * The session cookie's options. Secure always in production (where plain http is
 * redirected or refused anyway, worker/https-only.ts), so it never depends on the
 * scheme a request claims; elsewhere Secure over https, so http://localhost works.
 * Its lifetime is a Max-Age counted from the app's clock, not an Expires date: the
 * browser then agrees with the server about when it ends whatever its own clock says.
 */
export function cookieOptions(
	config: Pick<AppConfig, 'environment'>,
	url: URL,
	lifetime?: { expiresAt: number; now: number }
) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: config.environment === 'production' || url.protocol === 'https:',
		...(lifetime ? { maxAge: Math.max(0, Math.ceil((lifetime.expiresAt - lifetime.now) / 1000)) } : {})
	};
}
