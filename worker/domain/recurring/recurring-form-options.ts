import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { clients, projects } from '../../../db/schema';
import { requireStaff } from '../actor';
import { taxRatesQuery } from '../billing/list-tax-rates';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** What the recurring invoice form offers, in one batch: active clients, their open projects, the saved tax rates. */
export async function recurringFormOptions(opts: Scope) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [clientRows, projectRows, rates] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, opts), isNull(clients.archivedAt)))
			.orderBy(asc(clients.name))
			.limit(500),
		db
			.select({ id: projects.id, name: projects.name, clientId: projects.clientId, clientName: clients.name })
			.from(projects)
			.innerJoin(clients, eq(clients.id, projects.clientId))
			.where(and(staffScope(projects, opts), inArray(projects.status, ['active', 'on_hold'])))
			.orderBy(asc(clients.name), asc(projects.name))
			.limit(500),
		taxRatesQuery(opts)
	]);
	return {
		clients: clientRows,
		projects: projectRows,
		taxRates: rates,
		defaultCurrency: opts.workspace.defaultCurrency
	};
}

export type RecurringFormOptions = Awaited<ReturnType<typeof recurringFormOptions>>;
