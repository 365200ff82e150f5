import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { clients, projects, tasks, type ProjectStatus } from '../../../db/schema';
import type { Db } from '../../services/db';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { contains } from '../text-search';
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

export type ProjectListOptions = {
	statuses?: ProjectStatus[];
	clientId?: string;
	search?: string;
	limit?: number;
	offset?: number;
};

type SummaryRow = Omit<ProjectSummary, 'completion'>;

/**
 * The query behind every project list (dashboard list, client page, portal
 * home): projects the actor may see (a client: only their own), with task
 * counts, open work first. Unexecuted, so a page can put it in its one batch;
 * map the rows with withCompletion.
 */
export function projectSummaryQuery(opts: Scope & ProjectListOptions) {
	return projectSummarySelect(opts.services.db, opts, opts);
}

/** The same, built on a given handle and scope (a compiled read passes placeholders: get-portal-home.ts). */
export function projectSummarySelect(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, opts: ProjectListOptions) {
	return db
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
				clientScope(projects, scope),
				opts.statuses?.length ? inArray(projects.status, opts.statuses) : undefined,
				opts.clientId ? eq(projects.clientId, opts.clientId) : undefined,
				opts.search ? contains(projects.name, opts.search) : undefined
			)
		)
		.groupBy(projects.id)
		.orderBy(
			asc(sql`case ${projects.status} when 'active' then 0 when 'on_hold' then 1 when 'complete' then 2 else 3 end`),
			desc(projects.updatedAt),
			asc(projects.id)
		)
		.limit(opts.limit ?? 50)
		.offset(opts.offset ?? 0);
}

/** Adds completion % (see completion.ts) to summary rows. */
export function withCompletion(rows: SummaryRow[]): ProjectSummary[] {
	return rows.map((r) => ({ ...r, completion: completionPercent(r.completeCount, r.taskCount, r.status) }));
}

/** Projects the actor may see (a client: only their own), with completion %, in one query. */
export async function listProjects(opts: Scope & ProjectListOptions): Promise<ProjectSummary[]> {
	return withCompletion(await projectSummaryQuery(opts));
}
