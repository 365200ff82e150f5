import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { clients, projects, timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import { timeAmount } from '../money';
import { taxRatesQuery } from '../billing/list-tax-rates';
import type { Scope } from '../scope';
import { clientScope, staffScope } from '../tenancy';

/**
 * What the invoice form offers, in one round trip: the clients, the chosen
 * client's projects, the saved tax rates, and their billable time not yet on any invoice (plus, when
 * editing, the entries already on this invoice).
 */
export async function invoiceFormOptions(
	opts: Scope & { clientId?: string | null; projectId?: string | null; invoiceId?: string }
) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const clientId = opts.clientId ?? '';
	const [clientRows, projectRows, entryRows, rates] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, opts), isNull(clients.archivedAt)))
			.orderBy(asc(clients.name))
			.limit(500),
		db
			.select({ id: projects.id, name: projects.name })
			.from(projects)
			.where(and(clientScope(projects, opts), eq(projects.clientId, clientId)))
			.orderBy(asc(projects.name)),
		db
			.select({
				id: timeEntries.id,
				projectId: timeEntries.projectId,
				date: timeEntries.date,
				minutes: timeEntries.minutes,
				description: timeEntries.description,
				rateMinor: timeEntries.rateMinor,
				currency: timeEntries.currency,
				invoiceId: timeEntries.invoiceId
			})
			.from(timeEntries)
			.where(
				and(
					clientScope(timeEntries, opts),
					eq(timeEntries.clientId, clientId),
					opts.projectId ? eq(timeEntries.projectId, opts.projectId) : undefined,
					eq(timeEntries.billable, true),
					isNull(timeEntries.timerStartedAt),
					opts.invoiceId
						? or(isNull(timeEntries.invoiceId), eq(timeEntries.invoiceId, opts.invoiceId))
						: isNull(timeEntries.invoiceId)
				)
			)
			.orderBy(asc(timeEntries.date))
			.limit(200),
		taxRatesQuery(opts)
	]);
	const projectName = new Map(projectRows.map((p) => [p.id, p.name]));
	return {
		clients: clientRows,
		projects: projectRows,
		unbilledTime: entryRows.map((e) => ({
			...e,
			projectName: projectName.get(e.projectId) ?? '',
			amountMinor: timeAmount(e.minutes, e.rateMinor)
		})),
		defaultCurrency: opts.workspace.defaultCurrency,
		taxRates: rates
	};
}
