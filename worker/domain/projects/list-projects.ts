import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { clients, projects, tasks, type ProjectStatus } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { completionPercent } from './completion';

export type ProjectSummary = {
	id: string;
	name: string;
	status: ProjectStatus;
	clientId: string;
	clientName: string;
	startDate: string | null;
	dueDate: string | null;
	taskCount: number;
	completeCount: number;
	completion: number;
};

/** Projects the actor may see (a client: only their own), with completion %, in one query. */
export async function listProjects(opts: Scope & { statuses?: ProjectStatus[]; clientId?: string; limit?: number; offset?: number }): Promise<ProjectSummary[]> {
	const db = opts.services.db;
	const rows = await db
		.select({
			id: projects.id,
			name: projects.name,
			status: projects.status,
			clientId: projects.clientId,
			clientName: clients.name,
			startDate: projects.startDate,
			dueDate: projects.dueDate,
			taskCount: sql<number>`count(${tasks.id})`,
			completeCount: sql<number>`coalesce(sum(case when ${tasks.status} = 'complete' then 1 else 0 end), 0)`
		})
		.from(projects)
		.innerJoin(clients, eq(clients.id, projects.clientId))
		.leftJoin(tasks, eq(tasks.projectId, projects.id))
		.where(
			and(
				clientScope(projects, opts),
				opts.statuses?.length ? inArray(projects.status, opts.statuses) : undefined,
				opts.clientId ? eq(projects.clientId, opts.clientId) : undefined
			)
		)
		.groupBy(projects.id)
		.orderBy(asc(sql`case ${projects.status} when 'active' then 0 when 'on_hold' then 1 when 'complete' then 2 else 3 end`), desc(projects.updatedAt))
		.limit(opts.limit ?? 50)
		.offset(opts.offset ?? 0);
	return rows.map((r) => ({ ...r, completion: completionPercent(r.completeCount, r.taskCount, r.status) }));
}
