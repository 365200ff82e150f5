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
import { describeSummary, recurringSummaryQuery } from '../recurring/list-recurring-invoices';

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
	const base = and(visibleInvoices(opts), query.clientId ? eq(invoices.clientId, query.clientId) : undefined);
	const { limit, offset } = limitOffset(query.page);
	const [rows, open, history, recurring] = await db.batch([
		db
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
			.where(and(base, statusWhere(filter, today)))
			.orderBy(desc(invoices.number))
			.limit(limit)
			.offset(offset),
		db
			.select({
				currency: invoices.currency,
				dueMinor: sql<number>`sum(${invoices.totalMinor} - ${invoices.amountPaidMinor})`,
				overdue: sql<number>`sum(case when ${invoices.dueDate} < ${today} then 1 else 0 end)`
			})
			.from(invoices)
			.where(and(base, unpaidWhere()))
			.groupBy(invoices.currency),
		db
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
		recurringSummaryQuery(opts, { clientId: opts.actor.kind === 'staff' ? query.clientId : null }).limit(10)
	]);
	const page = toPage(
		rows.map((r) => ({
			...r,
			label: formatInvoiceNumber(r.number),
			displayStatus: displayStatus(r, today) as InvoiceDisplayStatus,
			amountDueMinor: amountDue(r)
		})),
		query.page
	);
	return {
		page,
		filter: filter ?? null,
		outstanding: open,
		recentPayments: history.map((p) => ({ ...p, label: formatInvoiceNumber(p.number) })),
		recurring: recurring
			.filter((r) => opts.actor.kind === 'staff' || r.status !== 'ended')
			.map((r) => ({ ...r, ...describeSummary(r) }))
	};
}
