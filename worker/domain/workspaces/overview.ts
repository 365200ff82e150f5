import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import { clients, invoices, projects, tasks } from '../../../db/schema';
import { requireStaff } from '../actor';
import { todayIn } from '../calendar';
import { overdueWhere } from '../invoices/overdue-where';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

const DUE_SOON_DAYS = 14;
const OPEN_PROJECT: ('active' | 'on_hold')[] = ['active', 'on_hold'];

/** Headline numbers of the dashboard and the projects due soon, in one D1 round trip. */
export async function workspaceOverview(scope: Scope) {
	requireStaff(scope.actor);
	const db = scope.services.db;
	const now = scope.services.clock.now();
	const today = todayIn(scope.workspace.timezone, now);
	const horizon = todayIn(scope.workspace.timezone, now + DUE_SOON_DAYS * 86_400_000);
	const count = sql<number>`count(*)`;
	const [c, p, t, q, o, soon, late] = await db.batch([
		db
			.select({ n: count })
			.from(clients)
			.where(and(staffScope(clients, scope), isNull(clients.archivedAt))),
		db
			.select({ n: count })
			.from(projects)
			.where(and(staffScope(projects, scope), eq(projects.status, 'active'))),
		// Tasks count only while their project is open: a completed or cancelled project's leftovers are not work.
		db
			.select({ n: count })
			.from(tasks)
			.innerJoin(projects, eq(projects.id, tasks.projectId))
			.where(and(staffScope(tasks, scope), ne(tasks.status, 'complete'), inArray(projects.status, OPEN_PROJECT))),
		db
			.select({ n: count })
			.from(tasks)
			.innerJoin(projects, eq(projects.id, tasks.projectId))
			.where(and(staffScope(tasks, scope), eq(tasks.status, 'in_query'), inArray(projects.status, OPEN_PROJECT))),
		db
			.select({ n: count })
			.from(tasks)
			.innerJoin(projects, eq(projects.id, tasks.projectId))
			.where(
				and(
					staffScope(tasks, scope),
					ne(tasks.status, 'complete'),
					isNotNull(tasks.dueDate),
					lt(tasks.dueDate, today),
					inArray(projects.status, OPEN_PROJECT)
				)
			),
		db
			.select({
				id: projects.id,
				name: projects.name,
				status: projects.status,
				dueDate: projects.dueDate,
				clientName: clients.name
			})
			.from(projects)
			.innerJoin(clients, eq(clients.id, projects.clientId))
			.where(
				and(
					staffScope(projects, scope),
					inArray(projects.status, OPEN_PROJECT),
					isNotNull(projects.dueDate),
					lte(projects.dueDate, horizon)
				)
			)
			.orderBy(asc(projects.dueDate), asc(projects.name))
			.limit(8),
		// Overdue invoices, by the same rule as the invoice list's Overdue filter and the portal.
		db
			.select({
				currency: invoices.currency,
				n: count,
				dueMinor: sql<number>`sum(${invoices.totalMinor} - ${invoices.amountPaidMinor})`
			})
			.from(invoices)
			.where(and(staffScope(invoices, scope), overdueWhere(today)))
			.groupBy(invoices.currency)
			.orderBy(asc(invoices.currency))
	]);
	return {
		clients: c[0]?.n ?? 0,
		activeProjects: p[0]?.n ?? 0,
		openTasks: t[0]?.n ?? 0,
		inQueryTasks: q[0]?.n ?? 0,
		overdueTasks: o[0]?.n ?? 0,
		overdueInvoices: late.reduce((sum, row) => sum + row.n, 0),
		overdueByCurrency: late.map((row) => ({ currency: row.currency, dueMinor: row.dueMinor })),
		dueSoon: soon.map((row) => ({ ...row, overdue: row.dueDate! < today })),
		today
	};
}
