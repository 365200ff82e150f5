import { and, eq, gt, isNull } from 'drizzle-orm';
import { clientContacts, clients, memberships, sessions, users, workspaces, type StaffRole } from '../../../db/schema';
import type { Services } from '../../services';
import { contextCache, contextEpoch } from '../../services/context-cache';
import type { Actor } from '../actor';
import { SESSION_TOUCH_MS, SESSION_TTL_MS, sessionIdFromCookie } from '../auth/sessions';
import type { Workspace } from '../scope';
import type { HostTarget } from './resolve-host';

export type RequestContext = {
	side: 'portal' | 'dashboard';
	/** Portal: the workspace of the host (null = no such portal). Dashboard: the session's active workspace. */
	workspace: Workspace | null;
	actor: Actor;
	sessionId: string | null;
	/** Portal only: the signed-in client's company name. */
	clientName?: string;
};

type Session = typeof sessions.$inferSelect;
type Contact = typeof clientContacts.$inferSelect;
type User = typeof users.$inferSelect;
type PortalSession = { session: Session; contact: Contact; clientName: string | null };
type StaffSession = { session: Session; user: User; role: StaffRole; workspace: Workspace };

// Per-isolate, short-lived, emptied by any write to these tables (services/context-cache.ts).
const workspaceByHost = contextCache<Workspace>('workspace-by-host');
const portalSessions = contextCache<PortalSession>('portal-session');
const staffSessions = contextCache<StaffSession>('staff-session');

/** A portal host's cache key: slugs and custom domains kept apart. */
function hostKey(host: Exclude<HostTarget, { side: 'dashboard' }>): string {
	return 'slug' in host ? `slug:${host.slug}` : `domain:${host.customDomain}`;
}

/** A session read from the cache or D1 is only used while live by the clock (revoked ones are never read or kept). */
const stillLive = (session: Session, now: number) => session.revokedAt === null && session.expiresAt > now;

/**
 * Resolves who is asking, for which workspace: the workspace of the host and the session
 * of the cookie, from the per-isolate cache or else in one D1 round trip (both lookups in
 * one batch). The portal only accepts a client session issued for the host's own
 * workspace; the dashboard only a staff session whose membership still exists. These
 * checks run on every request, cached rows or not.
 */
export async function loadRequestContext(opts: { services: Services; host: HostTarget; sessionCookie: string | undefined; ip: string | null }): Promise<RequestContext> {
	const { services, host } = opts;
	const db = services.db;
	const now = services.clock.now();
	const epoch = contextEpoch();
	const sessionId = await sessionIdFromCookie(opts.sessionCookie);
	const anonymous: Actor = { kind: 'anonymous', ip: opts.ip ?? undefined };
	const live = (id: string) => and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now));

	if (host.side === 'dashboard') {
		if (!sessionId) return { side: 'dashboard', workspace: null, actor: anonymous, sessionId: null };
		let row = staffSessions.get(sessionId, now);
		if (!row) {
			row = await db
				.select({ session: sessions, user: users, role: memberships.role, workspace: workspaces })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.innerJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId)))
				.innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
				.where(and(live(sessionId), eq(sessions.kind, 'staff')))
				.get();
			if (row) staffSessions.set(sessionId, row, now, epoch);
		}
		if (!row || !stillLive(row.session, now)) return { side: 'dashboard', workspace: null, actor: anonymous, sessionId: null };
		touch(services, row.session);
		return {
			side: 'dashboard',
			workspace: row.workspace,
			sessionId,
			actor: { kind: 'staff', userId: row.user.id, name: row.user.name, email: row.user.email, role: row.role, sessionId }
		};
	}

	const key = hostKey(host);
	const cachedWorkspace = workspaceByHost.get(key, now);
	let workspace: Workspace | null = cachedWorkspace ?? null;
	let found: PortalSession | undefined = sessionId ? portalSessions.get(sessionId, now) : undefined;
	// Built only when needed: building a query is a good part of what a lookup costs.
	const workspaceQuery = () =>
		db
			.select()
			.from(workspaces)
			.where('slug' in host ? eq(workspaces.slug, host.slug) : eq(workspaces.customDomain, host.customDomain))
			.limit(1);
	const sessionQuery = (id: string) =>
		db
			.select({ session: sessions, contact: clientContacts, clientName: clients.name })
			.from(sessions)
			.innerJoin(clientContacts, eq(clientContacts.id, sessions.contactId))
			.innerJoin(clients, eq(clients.id, sessions.clientId))
			.where(and(live(id), eq(sessions.kind, 'client'), isNull(clientContacts.archivedAt), isNull(clients.archivedAt)))
			.limit(1);
	const needSession = sessionId !== null && !found;
	if (!workspace && needSession) {
		const [workspaceRows, sessionRows] = await db.batch([workspaceQuery(), sessionQuery(sessionId)]);
		workspace = workspaceRows[0] ?? null;
		found = sessionRows[0];
	} else if (!workspace) {
		workspace = (await workspaceQuery())[0] ?? null;
	} else if (needSession) {
		found = (await sessionQuery(sessionId))[0];
	}
	// Only rows just read are kept (a hit is never extended), and only rows that exist: an
	// unknown host or cookie is read again next time.
	if (workspace && !cachedWorkspace) workspaceByHost.set(key, workspace, now, epoch);
	if (found && needSession) portalSessions.set(sessionId, found, now, epoch);

	// A session from another workspace's portal is ignored here, never honoured.
	if (!workspace || !found || !stillLive(found.session, now) || found.session.workspaceId !== workspace.id || found.contact.workspaceId !== workspace.id) {
		return { side: 'portal', workspace, actor: anonymous, sessionId: null };
	}
	touch(services, found.session);
	return {
		side: 'portal',
		workspace,
		sessionId,
		clientName: found.clientName ?? undefined,
		actor: { kind: 'client', contactId: found.contact.id, clientId: found.contact.clientId, name: found.contact.name, email: found.contact.email, sessionId: sessionId ?? undefined }
	};
}

/** Sliding expiry, written at most once a day per session, after the response (the write empties the cache). */
function touch(services: Services, session: { id: string; lastSeenAt: number }) {
	const now = services.clock.now();
	if (now - session.lastSeenAt < SESSION_TOUCH_MS) return;
	services.defer(services.db.update(sessions).set({ lastSeenAt: now, expiresAt: now + SESSION_TTL_MS }).where(eq(sessions.id, session.id)).run());
}
