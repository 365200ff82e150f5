import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { clients, contracts, invoices, QUOTE_STATUSES, quotes, type QuoteStatus } from '../../../db/schema';
import { listQuery, type ListInput } from '../list-filters';
import { PROPOSAL_STATUS_SHORT, proposalStatus } from '../proposals/proposal-status';
import { limitOffset, toPage } from '../pagination';
import type { Scope } from '../scope';
import { quoteScope } from './get-quote';
import { todayIn } from '../calendar';
import { EXPIRING, effectiveQuoteStatus, notExpiredWhere, quoteLabel } from './quote-status';

/** The statuses the list can be filtered by (`?status=` of the page and the API). */
export { QUOTE_STATUSES };

/** Filter by what people see: "expired" includes open offers past their date; "sent"/"viewed"/"changes requested" exclude them. */
function statusWhere(status: QuoteStatus, today: string): SQL {
	if (status === 'expired')
		return or(eq(quotes.status, 'expired'), and(inArray(quotes.status, EXPIRING), lt(quotes.expiresOn, today)))!;
	if (EXPIRING.includes(status)) return and(eq(quotes.status, status), notExpiredWhere(today))!;
	return eq(quotes.status, status);
}

/**
 * A page of quotes, newest first: staff see every quote (optionally of one client); a client sees
 * the ones sent to them. `input` is the query: page, pageSize, status, clientId (list-filters.ts).
 */
export async function listQuotes(opts: Scope & { clientId?: string; input?: ListInput }) {
	const { services, workspace } = opts;
	const {
		page: pageRequest,
		status,
		clientId
	} = listQuery(opts.input, {
		statuses: QUOTE_STATUSES,
		clientId: opts.clientId
	});
	const today = todayIn(workspace.timezone, services.clock.now());
	const rows = await services.db
		.select({
			id: quotes.id,
			number: quotes.number,
			title: quotes.title,
			status: quotes.status,
			clientId: quotes.clientId,
			clientName: clients.name,
			currency: quotes.currency,
			totalMinor: quotes.totalMinor,
			expiresOn: quotes.expiresOn,
			sentAt: quotes.sentAt,
			viewCount: quotes.viewCount,
			firstViewedAt: quotes.firstViewedAt,
			projectId: quotes.projectId,
			createdAt: quotes.createdAt,
			// The proposal's parts, for its one status (proposals/proposal-status.ts).
			contractId: quotes.contractId,
			contractStatus: contracts.status,
			invoiceId: quotes.invoiceId,
			invoiceStatus: invoices.status,
			amountPaidMinor: invoices.amountPaidMinor,
			acceptedDepositMinor: quotes.acceptedDepositMinor
		})
		.from(quotes)
		.innerJoin(clients, eq(clients.id, quotes.clientId))
		.leftJoin(contracts, and(eq(contracts.id, quotes.contractId), eq(contracts.workspaceId, quotes.workspaceId)))
		.leftJoin(invoices, and(eq(invoices.id, quotes.invoiceId), eq(invoices.workspaceId, quotes.workspaceId)))
		.where(
			and(
				quoteScope(opts),
				clientId ? eq(quotes.clientId, clientId) : undefined,
				status ? statusWhere(status, today) : undefined
			)
		)
		.orderBy(desc(quotes.number))
		.limit(limitOffset(pageRequest).limit)
		.offset(limitOffset(pageRequest).offset);
	const forStaff = opts.actor.kind !== 'client';
	const page = toPage(
		rows.map((r) => ({
			id: r.id,
			label: quoteLabel(r.number),
			title: r.title,
			status: effectiveQuoteStatus(r, today),
			clientId: r.clientId,
			clientName: r.clientName,
			currency: r.currency,
			totalMinor: r.totalMinor,
			expiresOn: r.expiresOn,
			sentAt: r.sentAt,
			projectId: r.projectId,
			createdAt: r.createdAt,
			proposal:
				r.status === 'accepted' && (r.contractId || r.invoiceId) ? PROPOSAL_STATUS_SHORT[proposalStatus(r)] : null,
			...(forStaff ? { viewCount: r.viewCount, firstViewedAt: r.firstViewedAt } : {})
		})),
		pageRequest
	);
	return { ...page, status: status ?? null };
}
