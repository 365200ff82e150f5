import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { clients, invoices, payments } from '../../../db/schema';
import { listQuery, type ListInput } from '../list-filters';
import { limitOffset, toPage } from '../pagination';
import type { Scope } from '../scope';
import { formatInvoiceNumber } from './invoice-number';
import { todayIn } from '../calendar';
import { amountDue, displayStatus, type InvoiceDisplayStatus } from './invoice-status';
import { overdueWhere, unpaidWhere } from './overdue-where';
import { visibleInvoices } from './visibility';
import { describeSummary, recurringSummarySelect } from '../recurring/list-recurring-invoices';
import type { Db } from '../../services/db';
import type { Value } from '../../services/compiled-read';
import type { ClientActor } from '../actor';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';

export const STATUS_FILTERS = ['draft', 'sent', 'overdue', 'partially_paid', 'paid', 'void'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

function statusWhere(filter: StatusFilter | undefined, today: string) {
	if (!filter) return undefined;
	if (filter === 'overdue') return overdueWhere(today);
	if (filter === 'sent' || filter === 'partially_paid')
		return and(eq(invoices.status, filter), gte(invoices.dueDate, today));
	return eq(invoices.status, filter);
}

/**
 * Invoices the actor may see (a client: their own, never drafts), newest number
 * first, one page at a time, with the status people see ('overdue' derived).
 * The totals per currency of what is still open, the latest payments and the
 * recurring invoices come in the same round trip.
 */
export async function listInvoices(opts: Scope & { clientId?: string; input?: ListInput }) {
	const db = opts.services.db;
	const today = todayIn(opts.workspace.timezone, opts.services.clock.now());
	const query = listQuery(opts.input, { statuses: STATUS_FILTERS, clientId: opts.clientId });
	const filter = query.status;
	const page = limitOffset(query.page);
	// A client's own list (the portal's) is compiled once per isolate; staff lists are built per request.
	const s =
		opts.actor.kind === 'client' && !query.clientId
			? clientListReads(opts, opts.actor, filter, { today, ...page })
			: listStatements(db, opts, { today, filter, clientId: query.clientId, ...page });
	const [rows, open, history, recurring] = await db.batch([s.rows, s.open, s.history, s.recurring]);
	const items = toPage(
		rows.map((r) => ({
			...r,
			label: formatInvoiceNumber(r.number),
			displayStatus: displayStatus(r, today) as InvoiceDisplayStatus,
			amountDueMinor: amountDue(r)
		})),
		query.page
	);
	return {
		page: items,
		filter: filter ?? null,
		outstanding: open,
		recentPayments: history.map((p) => ({ ...p, label: formatInvoiceNumber(p.number) })),
		recurring: recurring
			.filter((r) => opts.actor.kind === 'staff' || r.status !== 'ended')
			.map((r) => ({ ...r, ...describeSummary(r) }))
	};
}

type ListParams = { today: string; filter?: StatusFilter; clientId?: string; limit: number; offset: number };

/** The list's four statements for the actor's scope (in a compiled read, with placeholders for the values). */
export function listStatements(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, p: ListParams) {
	const base = and(visibleInvoices(scope), p.clientId ? eq(invoices.clientId, p.clientId) : undefined);
	return {
		rows: db
			.select({
				id: invoices.id,
				number: invoices.number,
				status: invoices.status,
				clientId: invoices.clientId,
				clientName: clients.name,
				issueDate: invoices.issueDate,
				dueDate: invoices.dueDate,
				currency: invoices.currency,
				totalMinor: invoices.totalMinor,
				amountPaidMinor: invoices.amountPaidMinor,
				paidAt: invoices.paidAt
			})
			.from(invoices)
			.innerJoin(clients, eq(clients.id, invoices.clientId))
			.where(and(base, statusWhere(p.filter, p.today)))
			.orderBy(desc(invoices.number))
			.limit(p.limit)
			.offset(p.offset),
		open: db
			.select({
				currency: invoices.currency,
				dueMinor: sql<number>`sum(${invoices.totalMinor} - ${invoices.amountPaidMinor})`,
				overdue: sql<number>`sum(case when ${invoices.dueDate} < ${p.today} then 1 else 0 end)`
			})
			.from(invoices)
			.where(and(base, unpaidWhere()))
			.groupBy(invoices.currency),
		history: db
			.select({
				id: payments.id,
				invoiceId: payments.invoiceId,
				number: invoices.number,
				amountMinor: payments.amountMinor,
				currency: payments.currency,
				paidAt: payments.paidAt,
				provider: payments.provider
			})
			.from(payments)
			.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
			.where(and(base, eq(payments.status, 'succeeded')))
			.orderBy(desc(payments.paidAt))
			.limit(10),
		// The recurring invoices billed (a client sees the schedules they are on), active first.
		recurring: recurringSummarySelect(db, scope, { clientId: scope.actor.kind === 'staff' ? p.clientId : null }).limit(
			10
		)
	};
}

type ClientListValues = ClientScopeValues & { today: string; limit: number; offset: number };

/** A client's list with placeholders for the client's scope, the day and the page; the status filter picks the statement. */
function clientListStatements(
	db: Db,
	scope: Pick<Scope, 'workspace' | 'actor'>,
	value: Value<ClientListValues>,
	filter: StatusFilter | undefined
) {
	return listStatements(db, scope, {
		today: value('today') as unknown as string,
		filter,
		limit: value('limit') as unknown as number,
		offset: value('offset') as unknown as number
	});
}

const clientRowsReads = new Map(
	[undefined, ...STATUS_FILTERS].map((filter) => [
		filter,
		compiledClientRead(
			(db, scope, value: Value<ClientListValues>) => clientListStatements(db, scope, value, filter).rows
		)
	])
);
const clientOpenRead = compiledClientRead(
	(db, scope, value: Value<ClientListValues>) => clientListStatements(db, scope, value, undefined).open
);
const clientHistoryRead = compiledClientRead(
	(db, scope, value: Value<ClientListValues>) => clientListStatements(db, scope, value, undefined).history
);
const clientRecurringRead = compiledClientRead(
	(db, scope, value: Value<ClientListValues>) => clientListStatements(db, scope, value, undefined).recurring
);

/** A client's own list (no client filter), compiled once per isolate per status filter (services/compiled-read.ts). */
export function clientListReads(
	scope: Pick<Scope, 'services' | 'workspace'>,
	actor: ClientActor,
	filter: StatusFilter | undefined,
	values: { today: string; limit: number; offset: number }
) {
	return {
		rows: clientRowsReads.get(filter)!(scope, actor, values),
		open: clientOpenRead(scope, actor, values),
		history: clientHistoryRead(scope, actor, values),
		recurring: clientRecurringRead(scope, actor, values)
	};
}
