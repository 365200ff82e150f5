import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { clients, projects, tasks } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** Headline numbers of the dashboard, in one D1 round trip. */
export async function workspaceOverview(scope: Scope) {
	requireStaff(scope.actor);
	const db = scope.services.db;
	const [c, p, t] = await db.batch([
		db.select({ n: sql<number>`count(*)` }).from(clients).where(and(staffScope(clients, scope), isNull(clients.archivedAt))),
		db.select({ n: sql<number>`count(*)` }).from(projects).where(and(staffScope(projects, scope), eq(projects.status, 'active'))),
		db.select({ n: sql<number>`count(*)` }).from(tasks).where(and(staffScope(tasks, scope), ne(tasks.status, 'complete')))
	]);
	return { clients: c[0]?.n ?? 0, activeProjects: p[0]?.n ?? 0, openTasks: t[0]?.n ?? 0 };
}
