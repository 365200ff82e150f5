import { and, asc, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { clients } from '../../../db/schema';
import { requireStaff } from '../actor';
import { searchText } from '../form-fields';
import { limitOffset, pageFrom, toPage, type Page } from '../pagination';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { contains } from '../text-search';

export const CLIENT_LIST_STATUSES = ['active', 'archived', 'all'] as const;

const filtersSchema = z.object({
	q: searchText,
	status: z.enum(CLIENT_LIST_STATUSES).catch('active')
});

export type ClientListFilters = z.output<typeof filtersSchema>;

export type ClientListItem = {
	id: string;
	name: string;
	website: string | null;
	archivedAt: number | null;
	primaryContactName: string | null;
	primaryContactEmail: string | null;
	contactCount: number;
	activeProjectCount: number;
};

/**
 * A page of the workspace's clients (staff only), by name. The search matches
 * the client's name or any of its contacts' names or emails. Bad filter values
 * fall back to the defaults instead of failing.
 */
export async function listClients(
	opts: Scope & { input: URLSearchParams | Record<string, unknown> }
): Promise<{ filters: ClientListFilters; page: Page<ClientListItem> }> {
	requireStaff(opts.actor);
	const raw = opts.input instanceof URLSearchParams ? Object.fromEntries(opts.input) : opts.input;
	const filters = filtersSchema.parse(raw);
	const pageRequest = pageFrom(raw);
	const { limit, offset } = limitOffset(pageRequest);
	// drizzle leaves columns unqualified in one-table selects, so the correlated subqueries spell out their names.
	const contact = (column: 'name' | 'email') =>
		sql<
			string | null
		>`(select cc.${sql.raw(column)} from client_contacts cc where cc.client_id = clients.id and cc.archived_at is null order by cc.is_primary desc, cc.created_at asc limit 1)`;
	const rows = await opts.services.db
		.select({
			id: clients.id,
			name: clients.name,
			website: clients.website,
			archivedAt: clients.archivedAt,
			primaryContactName: contact('name'),
			primaryContactEmail: contact('email'),
			contactCount: sql<number>`(select count(*) from client_contacts cc where cc.client_id = clients.id and cc.archived_at is null)`,
			activeProjectCount: sql<number>`(select count(*) from projects p where p.client_id = clients.id and p.status = 'active')`
		})
		.from(clients)
		.where(
			and(
				staffScope(clients, opts),
				filters.status === 'active'
					? isNull(clients.archivedAt)
					: filters.status === 'archived'
						? isNotNull(clients.archivedAt)
						: undefined,
				filters.q
					? or(
							contains(clients.name, filters.q),
							sql`exists (select 1 from client_contacts cc where cc.client_id = clients.id and (${contains(sql`cc.name`, filters.q)} or ${contains(sql`cc.email`, filters.q)}))`
						)
					: undefined
			)
		)
		.orderBy(asc(sql`${clients.name} collate nocase`), asc(clients.id))
		.limit(limit)
		.offset(offset);
	return { filters, page: toPage(rows, pageRequest) };
}
