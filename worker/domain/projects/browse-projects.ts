import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { clients, PROJECT_STATUSES } from '../../../db/schema';
import { requireStaff } from '../actor';
import { searchText } from '../form-fields';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { projectSummaryQuery, withCompletion, type ProjectSummary } from './list-projects';

const filtersSchema = z.object({
	q: searchText,
	status: z.enum(['all', ...PROJECT_STATUSES]).catch('all'),
	client: z.string().trim().max(64).catch('')
});

export type ProjectFilters = z.output<typeof filtersSchema>;

/**
 * The dashboard's project list (staff only): filtered by status, client and a
 * name search, a page at a time, with the clients for the filter menu; one
 * D1 round trip. Bad filter values fall back to "all".
 */
export async function browseProjects(opts: Scope & { input: URLSearchParams | Record<string, unknown> }): Promise<{
	filters: ProjectFilters;
	page: Page<ProjectSummary>;
	clients: { id: string; name: string; archived: boolean }[];
}> {
	requireStaff(opts.actor);
	const raw = opts.input instanceof URLSearchParams ? Object.fromEntries(opts.input) : opts.input;
	const filters = filtersSchema.parse({ q: raw.q, status: raw.status ?? 'all', client: raw.client ?? '' });
	const pageRequest = pageFrom(raw);
	const db = opts.services.db;
	const [rows, clientRows] = await db.batch([
		projectSummaryQuery({
			...opts,
			...limitOffset(pageRequest),
			statuses: filters.status === 'all' ? undefined : [filters.status],
			clientId: filters.client || undefined,
			search: filters.q || undefined
		}),
		db
			.select({ id: clients.id, name: clients.name, archived: sql<number>`${clients.archivedAt} is not null` })
			.from(clients)
			.where(staffScope(clients, opts))
			.orderBy(asc(sql`${clients.name} collate nocase`))
			.limit(1000)
	]);
	return {
		filters,
		page: toPage(withCompletion(rows), pageRequest),
		clients: clientRows.map((c) => ({ ...c, archived: Boolean(c.archived) }))
	};
}
