import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { sessions, workspaces } from '../../../db/schema';
import { disconnectReader } from '../threads/disconnect-reader';
import { notFound } from '../errors';
import { type Account, requireFull } from '../factors/account';
import { deviceLabel } from './device-label';
import { securityEvent, securityEventIfChanged } from './security-events';
import type { Services } from '../../services';

/**
 * A person's own staff sessions (every device signed in to the dashboard as them),
 * named by their public id. Sessions belong to the person, so they are scoped by user
 * id: another person's session, in any workspace, is "not found".
 */
function live(services: Services, userId: string) {
	return and(
		eq(sessions.userId, userId),
		eq(sessions.kind, 'staff'),
		isNull(sessions.revokedAt),
		gt(sessions.expiresAt, services.clock.now())
	);
}

export type MySession = {
	id: string;
	device: string;
	userAgent: string | null;
	ip: string | null;
	createdAt: number;
	lastSeenAt: number;
	current: boolean;
	signInMethod: string;
	secondFactor: string | null;
	workspaceName: string;
};

export async function listMySessions(account: Account): Promise<MySession[]> {
	const { services, person } = requireFull(account);
	const rows = await services.db
		.select({ session: sessions, workspaceName: workspaces.name })
		.from(sessions)
		.innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
		.where(live(services, person.userId))
		.orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
		.limit(100);
	return rows
		.filter((r) => r.session.publicId)
		.map(({ session, workspaceName }) => ({
			id: session.publicId!,
			device: deviceLabel(session.userAgent),
			userAgent: session.userAgent,
			ip: session.ip,
			createdAt: session.createdAt,
			lastSeenAt: session.lastSeenAt,
			current: session.id === person.sessionId,
			signInMethod: session.signInMethod,
			secondFactor: session.mfaMethod,
			workspaceName
		}));
}

/** Closes the thread sockets of signed-out sessions, after the response (grouped per workspace, one call per thread). */
function disconnectSessions(services: Services, userId: string, revoked: { id: string; workspaceId: string }[]) {
	const byWorkspace = new Map<string, string[]>();
	for (const r of revoked) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r.id]);
	for (const [workspaceId, sessionIds] of byWorkspace)
		services.defer(disconnectReader({ services, workspaceId, reader: { kind: 'staff', userId }, sessionIds }));
}

/** Signs one of the person's sessions out (another device, or this one). */
export async function signOutSession(account: Account & { sessionPublicId: string }): Promise<{ current: boolean }> {
	const { services, person } = requireFull(account);
	const db = services.db;
	const target = await db
		.select({ id: sessions.id, workspaceId: sessions.workspaceId, userAgent: sessions.userAgent })
		.from(sessions)
		.where(and(live(services, person.userId), eq(sessions.publicId, account.sessionPublicId)))
		.get();
	if (!target) throw notFound('That session');
	const [revoked] = await db.batch([
		db
			.update(sessions)
			.set({ revokedAt: services.clock.now() })
			.where(and(eq(sessions.id, target.id), isNull(sessions.revokedAt)))
			.returning({ id: sessions.id, workspaceId: sessions.workspaceId }),
		securityEventIfChanged(
			services,
			person,
			'auth.session_revoked',
			`${person.name} signed out a session (${deviceLabel(target.userAgent)})`
		)
	]);
	disconnectSessions(services, person.userId, revoked);
	return { current: target.id === person.sessionId };
}

/** "Sign out everywhere else": every other session of the person, pending ones included. */
export async function signOutOtherSessions(account: Account): Promise<{ signedOut: number }> {
	const { services, person } = requireFull(account);
	const db = services.db;
	const revoked = await db
		.update(sessions)
		.set({ revokedAt: services.clock.now() })
		.where(
			and(
				eq(sessions.userId, person.userId),
				eq(sessions.kind, 'staff'),
				isNull(sessions.revokedAt),
				ne(sessions.id, person.sessionId)
			)
		)
		.returning({ id: sessions.id, workspaceId: sessions.workspaceId });
	if (revoked.length > 0) {
		await securityEvent(
			services,
			person,
			'auth.session_revoked',
			`${person.name} signed out ${revoked.length} other session${revoked.length === 1 ? '' : 's'}`
		).run();
		disconnectSessions(services, person.userId, revoked);
	}
	return { signedOut: revoked.length };
}
