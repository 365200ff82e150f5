import { and, asc, eq, isNull } from 'drizzle-orm';
import { clientContacts, clients, loginTokenUses, memberships, users, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { sha256Hex } from '../../services/crypto';
import { isUniqueViolation } from '../../services/db';
import type { LoginTokenPayload } from '../../services/tokens';
import type { Workspace } from '../scope';
import { safeRedirect } from './email-address';
import { hasSecondFactorSql, PENDING_SESSION_TTL_MS, secondFactorNeed } from './assurance';
import { secondFactorPath } from './second-factor-path';
import { securityEvent } from './security-events';
import { newSessionInsert } from './sessions';
import { linkServices } from './issue-login-link';

/** Where the link is being opened: a workspace's portal, or the staff dashboard. */
export type LinkTarget = { side: 'portal'; workspace: Workspace } | { side: 'dashboard' };

export type LinkInspection =
	| { status: 'valid'; email: string; payload: LoginTokenPayload }
	/** `renewable`: its record is still kept and it is for this place, so a fresh link can be sent (request-fresh-link.ts). */
	| { status: 'used' | 'expired'; renewable: boolean; payload?: LoginTokenPayload }
	| { status: 'invalid' | 'wrong_portal' };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

/**
 * Looks at a link without using it: the page shows its state before the person confirms.
 * `services`: the ones to use it with (a staff link's shard, issue-login-link.ts linkServices).
 */
export async function inspectLoginLink(opts: {
	services: Services;
	token: unknown;
	target: LinkTarget;
}): Promise<LinkInspection & { hash?: string; services?: Services }> {
	const { services, target } = opts;
	if (typeof opts.token !== 'string' || !TOKEN_SHAPE.test(opts.token)) return { status: 'invalid' };
	const hash = await sha256Hex(opts.token);
	const usedOn = (db: Services['db']) =>
		db.select({ usedAt: loginTokenUses.usedAt }).from(loginTokenUses).where(eq(loginTokenUses.tokenHash, hash)).get();
	const [payload, usedHere] = await Promise.all([services.tokens.getLoginToken(hash), usedOn(services.db)]);
	const rightPlace = (p: LoginTokenPayload) =>
		target.side === 'portal' ? p.kind === 'client' && p.workspaceId === target.workspace.id : p.kind === 'staff';
	// A staff link is used on its person's shard (the dashboard opens it on the default one).
	const on = payload && rightPlace(payload) ? linkServices(services, payload) : services;
	if (!on) return { status: 'invalid' };
	const used = on === services ? usedHere : await usedOn(on.db);
	const spent = (status: 'used' | 'expired') =>
		payload && rightPlace(payload) ? { status, renewable: true, payload } : { status, renewable: false };
	if (used) return spent('used');
	if (!payload || payload.expiresAt <= services.clock.now()) return spent('expired');
	if (!rightPlace(payload)) return { status: 'wrong_portal' };
	return { status: 'valid', email: payload.email, payload, hash, services: on };
}

export type ConsumeResult =
	| { status: 'signed_in'; sessionToken: string; expiresAt: number; redirectTo: string; kind: 'client' | 'staff' }
	| { status: 'used' | 'expired' | 'invalid' | 'wrong_portal' | 'no_access' };

/**
 * Uses a magic link exactly once. The KV entry says what the link grants; the
 * INSERT into login_token_uses (primary key = token hash) is the atomic
 * "once": it shares a D1 batch with the session insert, so of two concurrent
 * clicks exactly one gets a session and the other sees "already used".
 */
export async function consumeLoginLink(opts: {
	services: Services;
	token: unknown;
	target: LinkTarget;
	ip: string | null;
	userAgent: string | null;
}): Promise<ConsumeResult> {
	const inspection = await inspectLoginLink(opts);
	if (inspection.status !== 'valid') return { status: inspection.status };
	const { payload, hash, services } = inspection as { payload: LoginTokenPayload; hash: string; services: Services };
	return signInWithGrant({ request: opts.services, services, payload, hash, ip: opts.ip, userAgent: opts.userAgent });
}

/**
 * What a valid link grants, done once: the session (pending while a second factor is due), the
 * grant's row in login_token_uses under `hash`, and the sign-in's audit rows, on `services`'s
 * shard; `request` (the request's own services) then hands the browser that shard's bookmark.
 * A link's use (above), and a staff member opening their workspace on another shard
 * (workspaces/switch-shard.ts, `method: 'switch'`), whose grant never leaves the Worker.
 */
export async function signInWithGrant(opts: {
	request: Services;
	services: Services;
	payload: LoginTokenPayload;
	hash: string;
	ip: string | null;
	userAgent: string | null;
	method?: 'link' | 'switch';
}): Promise<ConsumeResult> {
	const { payload, hash, services } = opts;
	const now = services.clock.now();
	const db = services.db;

	let sessionFor: { workspaceId: string; userId?: string; contactId?: string; clientId?: string };
	const sideEffects = [];
	// Staff with a second factor (or in a workspace that requires one) get a short pending session.
	let pendingFactor = false;
	if (payload.kind === 'client') {
		// The contact must still be active and still have the address the link went to: archiving a
		// client or contact, or changing the contact's email, cuts access even with a live link.
		const contact = await db
			.select({ id: clientContacts.id })
			.from(clientContacts)
			.innerJoin(clients, eq(clients.id, clientContacts.clientId))
			.where(
				and(
					eq(clientContacts.id, payload.contactId),
					eq(clientContacts.workspaceId, payload.workspaceId),
					eq(clientContacts.clientId, payload.clientId),
					// A link sent to an address the contact no longer has signs nobody in.
					eq(clientContacts.email, payload.email),
					isNull(clientContacts.archivedAt),
					isNull(clients.archivedAt)
				)
			)
			.get();
		if (!contact) return { status: 'no_access' };
		sessionFor = { workspaceId: payload.workspaceId, contactId: payload.contactId, clientId: payload.clientId };
		sideEffects.push(
			db.update(clientContacts).set({ lastLoginAt: now }).where(eq(clientContacts.id, payload.contactId))
		);
	} else {
		const membership = await db
			.select({
				id: memberships.id,
				workspaceId: memberships.workspaceId,
				name: users.name,
				required: workspaces.requireSecondFactor,
				hasFactor: hasSecondFactorSql(memberships.userId)
			})
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
			.where(
				payload.workspaceId
					? and(eq(memberships.userId, payload.userId), eq(memberships.workspaceId, payload.workspaceId))
					: eq(memberships.userId, payload.userId)
			)
			.orderBy(asc(memberships.createdAt))
			.get();
		if (!membership) return { status: 'no_access' };
		sessionFor = { workspaceId: membership.workspaceId, userId: payload.userId };
		sideEffects.push(db.update(users).set({ lastLoginAt: now }).where(eq(users.id, payload.userId)));
		sideEffects.push(
			db
				.update(memberships)
				.set({ acceptedAt: now })
				.where(and(eq(memberships.id, membership.id), isNull(memberships.acceptedAt)))
		);
		pendingFactor =
			secondFactorNeed({ mfaAt: null, hasFactor: Boolean(membership.hasFactor), required: membership.required }) !==
			null;
		// Signed in now; a pending sign-in is recorded when its second factor is verified.
		if (!pendingFactor)
			sideEffects.push(
				securityEvent(
					services,
					{ userId: payload.userId, name: membership.name, workspaceId: membership.workspaceId },
					'auth.signed_in',
					opts.method === 'switch'
						? `${membership.name} signed in from their session in another workspace`
						: `${membership.name} signed in with an email link`
				)
			);
	}

	const session = await newSessionInsert(services, {
		kind: payload.kind,
		...sessionFor,
		...(opts.method === 'switch' ? { signInMethod: 'workspace_switch' as const } : {}),
		ip: opts.ip,
		userAgent: opts.userAgent,
		...(pendingFactor ? { ttlMs: PENDING_SESSION_TTL_MS } : {})
	});
	try {
		await db.batch([
			db.insert(loginTokenUses).values({ tokenHash: hash, workspaceId: sessionFor.workspaceId, usedAt: now }),
			session.insert,
			...sideEffects
		]);
	} catch (error) {
		if (isUniqueViolation(error)) return { status: 'used' };
		throw error;
	}
	// The person's next request goes to the session's shard: it gets that shard's bookmark.
	opts.request.d1Session.follow(services.shard);
	// The token's record stays (until its KV expiry) so that a click on the used link can ask for a fresh one.
	const redirectTo = safeRedirect(payload.redirectTo, '/');
	return {
		status: 'signed_in',
		kind: payload.kind,
		sessionToken: session.token,
		expiresAt: session.expiresAt,
		redirectTo: pendingFactor ? secondFactorPath(redirectTo) : redirectTo
	};
}
