import { asc, and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { clients, contracts, contractTemplates } from '../../../db/schema';
import { requireStaff } from '../actor';
import { taxRatesQuery } from '../billing/list-tax-rates';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/**
 * What the quote form offers, in one batch: the workspace's active clients, its default currency,
 * its saved tax rates, and for the proposal the contract templates and the contracts a quote can
 * link (not void; one client's when editing that client's quote).
 */
export async function quoteFormOptions(opts: Scope & { clientId?: string }) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [clientRows, rates, templates, contractRows] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, opts), isNull(clients.archivedAt)))
			.orderBy(asc(clients.name))
			.limit(500),
		taxRatesQuery(opts),
		db
			.select({ id: contractTemplates.id, name: contractTemplates.name })
			.from(contractTemplates)
			.where(staffScope(contractTemplates, opts))
			.orderBy(asc(contractTemplates.name))
			.limit(200),
		db
			.select({
				id: contracts.id,
				title: contracts.title,
				status: contracts.status,
				clientId: contracts.clientId,
				clientName: clients.name
			})
			.from(contracts)
			.innerJoin(clients, eq(clients.id, contracts.clientId))
			.where(
				and(
					staffScope(contracts, opts),
					inArray(contracts.status, ['draft', 'sent', 'viewed', 'signed', 'countersigned']),
					opts.clientId ? eq(contracts.clientId, opts.clientId) : undefined
				)
			)
			.orderBy(desc(contracts.createdAt))
			.limit(200)
	]);
	return {
		clients: clientRows,
		defaultCurrency: opts.workspace.defaultCurrency,
		taxRates: rates,
		templates,
		contracts: contractRows
	};
}

export type QuoteFormOptions = Awaited<ReturnType<typeof quoteFormOptions>>;
