import { and, asc, eq } from 'drizzle-orm';
import { memberships, sessions, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { requireStaff, type Actor } from '../actor';
import { notFound } from '../errors';

/** The workspaces a staff member belongs to (for the switcher). */
export async function listMyWorkspaces(opts: { services: Services; actor: Actor }) {
	const staff = requireStaff(opts.actor);
	return opts.services.db
		.select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: memberships.role })
		.from(memberships)
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(eq(memberships.userId, staff.userId))
		.orderBy(asc(workspaces.name));
}

/** Points the current staff session at another workspace the member belongs to. */
export async function switchWorkspace(opts: { services: Services; actor: Actor; workspaceId: string }): Promise<void> {
	const staff = requireStaff(opts.actor);
	const db = opts.services.db;
	const member = await db
		.select({ id: memberships.id })
		.from(memberships)
		.where(and(eq(memberships.userId, staff.userId), eq(memberships.workspaceId, opts.workspaceId)))
		.get();
	if (!member || !staff.sessionId) throw notFound('That workspace');
	await db.update(sessions).set({ workspaceId: opts.workspaceId }).where(eq(sessions.id, staff.sessionId));
}
