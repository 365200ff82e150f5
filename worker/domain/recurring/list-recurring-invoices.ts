import { and, desc, eq, sql } from 'drizzle-orm';
import { clients, recurringInvoices } from '../../../db/schema';
import { requireMember } from '../actor';
import { listQuery, type ListInput } from '../list-filters';
import { limitOffset, toPage } from '../pagination';
import type { Db } from '../../services/db';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { FREQUENCY_LABELS } from './periods';
import { RECURRING_STATUS_LABELS } from './recurring-status';

/** The columns every list shows: what is billed, how often, when next, and its state. */
export function recurringSummaryQuery(scope: Scope, opts: { clientId?: string | null } = {}) {
	return recurringSummarySelect(scope.services.db, scope, opts);
}

/** The same, built on a given handle and scope (a compiled read passes placeholders: list-invoices.ts). */
export function recurringSummarySelect(
	db: Db,
	scope: Pick<Scope, 'workspace' | 'actor'>,
	opts: { clientId?: string | null } = {}
) {
	return db
		.select({
			id: recurringInvoices.id,
			title: recurringInvoices.title,
			clientId: recurringInvoices.clientId,
			clientName: clients.name,
			currency: recurringInvoices.currency,
			totalMinor: recurringInvoices.totalMinor,
			frequency: recurringInvoices.frequency,
			startDate: recurringInvoices.startDate,
			endDate: recurringInvoices.endDate,
			maxCount: recurringInvoices.maxCount,
			status: recurringInvoices.status,
			nextIssueOn: recurringInvoices.nextIssueOn,
			generatedCount: recurringInvoices.generatedCount,
			createdAt: recurringInvoices.createdAt
		})
		.from(recurringInvoices)
		.innerJoin(clients, eq(clients.id, recurringInvoices.clientId))
		.where(
			and(
				clientScope(recurringInvoices, scope),
				opts.clientId ? eq(recurringInvoices.clientId, opts.clientId) : undefined
			)
		)
		.orderBy(
			sql`case ${recurringInvoices.status} when 'active' then 0 when 'paused' then 1 else 2 end`,
			desc(recurringInvoices.createdAt)
		);
}

export type RecurringSummary = Awaited<ReturnType<typeof recurringSummaryQuery>>[number];

export const describeSummary = (r: Pick<RecurringSummary, 'frequency' | 'status'>) => ({
	frequencyLabel: FREQUENCY_LABELS[r.frequency],
	statusLabel: RECURRING_STATUS_LABELS[r.status]
});

/**
 * Recurring invoices: staff see the workspace's (optionally one client's), a client their own
 * company's (the schedule they are billed on), paginated, active first. `input`: page, pageSize, clientId.
 */
export async function listRecurringInvoices(opts: Scope & { clientId?: string; input?: ListInput }) {
	requireMember(opts.actor);
	const { page: req, clientId } = listQuery(opts.input, { clientId: opts.clientId });
	const { limit, offset } = limitOffset(req);
	const rows = await recurringSummaryQuery(opts, { clientId: opts.actor.kind === 'staff' ? clientId : null })
		.limit(limit)
		.offset(offset);
	return toPage(
		rows.map((r) => ({ ...r, ...describeSummary(r) })),
		req
	);
}
