import { asc, and, isNull } from 'drizzle-orm';
import { clients } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** What the quote form offers: the workspace's active clients and its default currency. */
export async function quoteFormOptions(opts: Scope) {
	requireStaff(opts.actor);
	const rows = await opts.services.db
		.select({ id: clients.id, name: clients.name })
		.from(clients)
		.where(and(staffScope(clients, opts), isNull(clients.archivedAt)))
		.orderBy(asc(clients.name))
		.limit(500);
	return { clients: rows, defaultCurrency: opts.workspace.defaultCurrency };
}
