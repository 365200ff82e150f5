import { and, eq, gt, isNull } from 'drizzle-orm';
import { compiledRead, type Value } from '../../services/compiled-read';
import { clientContacts, clients, memberships, sessions, users, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import type { Actor } from '../actor';
import { hasSecondFactorSql, secondFactorNeed, type PendingStaff } from '../auth/assurance';
import { SESSION_TOUCH_MS, SESSION_TTL_MS, sessionIdFromCookie } from '../auth/sessions';
import type { Workspace } from '../scope';
import type { HostTarget } from './resolve-host';
import { attentionCountsQuery, pickAttentionCounts, type AttentionCounts } from '../attention/attention-counts';

export type RequestContext = {
	side: 'portal' | 'dashboard';
	/** Portal: the workspace of the host (null = no such portal). Dashboard: the session's active workspace. */
	workspace: Workspace | null;
	actor: Actor;
	sessionId: string | null;
	/** Portal only: the signed-in client's company name. */
	clientName?: string;
	/**
	 * Dashboard only: a staff session that still needs its second factor. The actor is then
	 * anonymous (every staff page and route refuses it); only finishing the sign-in reads this.
	 */
	pending?: PendingStaff;
	/** Portal only, when asked for: what waits on the signed-in client (the navigation's badges). */
	attention?: AttentionCounts | null;
};

/**
 * Resolves who is asking, for which workspace, in one D1 round trip (a batch
 * of the workspace lookup and the session lookup). The portal only accepts a
 * client session issued for the host's own workspace; the dashboard only a
 * staff session whose membership still exists.
 */
export async function loadRequestContext(opts: {
	services: Services;
	host: HostTarget;
	sessionCookie: string | undefined;
	ip: string | null;
	/** Portal pages: also count what waits on the client, in the same batch (attention-counts.ts). */
	withAttention?: boolean;
}): Promise<RequestContext> {
	const { services, host } = opts;
	const db = services.db;
	const now = services.clock.now();
	const sessionId = await sessionIdFromCookie(opts.sessionCookie);
	const anonymous: Actor = { kind: 'anonymous', ip: opts.ip ?? undefined };

	if (host.side === 'dashboard') {
		if (!sessionId) return { side: 'dashboard', workspace: null, actor: anonymous, sessionId: null };
		const [row] = await staffSessionRead(db, { sessionId, now });
		if (!row) return { side: 'dashboard', workspace: null, actor: anonymous, sessionId: null };
		const need = secondFactorNeed({
			mfaAt: row.session.mfaAt,
			hasFactor: Boolean(row.hasFactor),
			required: row.workspace.requireSecondFactor
		});
		if (need) {
			const pending: PendingStaff = {
				need,
				sessionId,
				userId: row.user.id,
				name: row.user.name,
				email: row.user.email,
				workspaceId: row.workspace.id,
				role: row.role,
				signInMethod: row.session.signInMethod
			};
			return { side: 'dashboard', workspace: null, actor: anonymous, sessionId, pending };
		}
		touch(services, row.session);
		return {
			side: 'dashboard',
			workspace: row.workspace,
			sessionId,
			actor: {
				kind: 'staff',
				userId: row.user.id,
				name: row.user.name,
				email: row.user.email,
				role: row.role,
				sessionId,
				timezone: row.user.timezone
			}
		};
	}

	const workspaceQuery =
		'slug' in host
			? workspaceBySlugRead(db, { slug: host.slug })
			: workspaceByDomainRead(db, { customDomain: host.customDomain });
	const sessionQuery = clientSessionRead(db, { sessionId: sessionId ?? '', now });
	let workspaceRows, sessionRows, countRows;
	if (!sessionId) [workspaceRows, sessionRows, countRows] = [await workspaceQuery, [], []];
	else if (opts.withAttention)
		[workspaceRows, sessionRows, countRows] = await db.batch([
			workspaceQuery,
			sessionQuery,
			attentionCountsQuery(db, sessionId, now)
		]);
	else [workspaceRows, sessionRows, countRows] = [...(await db.batch([workspaceQuery, sessionQuery])), []];
	const workspace = workspaceRows[0] ?? null;
	const found = sessionRows[0];
	// A session from another workspace's portal is ignored here, never honoured.
	if (
		!workspace ||
		!found ||
		found.session.workspaceId !== workspace.id ||
		found.contact.workspaceId !== workspace.id
	) {
		return { side: 'portal', workspace, actor: anonymous, sessionId: null };
	}
	touch(services, found.session);
	return {
		side: 'portal',
		workspace,
		sessionId,
		clientName: found.clientName ?? undefined,
		...(opts.withAttention ? { attention: pickAttentionCounts(countRows[0], workspace.timezone, now) } : {}),
		actor: {
			kind: 'client',
			contactId: found.contact.id,
			clientId: found.contact.clientId,
			name: found.contact.name,
			email: found.contact.email,
			sessionId: sessionId ?? undefined,
			timezone: found.contact.timezone
		}
	};
}

type LiveSession = { sessionId: string; now: number };
const live = (value: Value<LiveSession>) =>
	and(eq(sessions.id, value('sessionId')), isNull(sessions.revokedAt), gt(sessions.expiresAt, value('now')));

// The statements of every request, built once per isolate (services/compiled-read.ts).
const staffSessionRead = compiledRead((db, value: Value<LiveSession>) =>
	db
		.select({
			session: sessions,
			user: users,
			role: memberships.role,
			workspace: workspaces,
			hasFactor: hasSecondFactorSql(sessions.userId)
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(
			memberships,
			and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId))
		)
		.innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
		.where(and(live(value), eq(sessions.kind, 'staff')))
		.limit(1)
);
const workspaceBySlugRead = compiledRead((db, value: Value<{ slug: string }>) =>
	db
		.select()
		.from(workspaces)
		.where(eq(workspaces.slug, value('slug')))
		.limit(1)
);
// A custom domain serves its portal only once verified: a pending claim must not answer for anyone.
const workspaceByDomainRead = compiledRead((db, value: Value<{ customDomain: string }>) =>
	db
		.select()
		.from(workspaces)
		.where(and(eq(workspaces.customDomain, value('customDomain')), eq(workspaces.customDomainStatus, 'active')))
		.limit(1)
);
const clientSessionRead = compiledRead((db, value: Value<LiveSession>) =>
	db
		.select({ session: sessions, contact: clientContacts, clientName: clients.name })
		.from(sessions)
		.innerJoin(clientContacts, eq(clientContacts.id, sessions.contactId))
		.innerJoin(clients, eq(clients.id, sessions.clientId))
		.where(and(live(value), eq(sessions.kind, 'client'), isNull(clientContacts.archivedAt), isNull(clients.archivedAt)))
		.limit(1)
);

/** Sliding expiry, written at most once a day per session, after the response. */
function touch(services: Services, session: { id: string; lastSeenAt: number }) {
	const now = services.clock.now();
	if (now - session.lastSeenAt < SESSION_TOUCH_MS) return;
	services.defer(
		services.db
			.update(sessions)
			.set({ lastSeenAt: now, expiresAt: now + SESSION_TTL_MS })
			.where(eq(sessions.id, session.id))
			.run()
	);
}
