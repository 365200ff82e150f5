import { and, asc, isNull, sql } from 'drizzle-orm';
import { clients } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The clients a new project can be for: the workspace's active ones, by name (staff only). */
export async function projectFormOptions(opts: Scope) {
	requireStaff(opts.actor);
	const clientRows = await opts.services.db
		.select({ id: clients.id, name: clients.name })
		.from(clients)
		.where(and(staffScope(clients, opts), isNull(clients.archivedAt)))
		.orderBy(asc(sql`${clients.name} collate nocase`))
		.limit(1000);
	return { clients: clientRows };
}
