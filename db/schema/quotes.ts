import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, currency, flag, isoDate, minor, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

export const QUOTE_STATUSES = [
	'draft',
	'sent',
	'viewed',
	'changes_requested',
	'accepted',
	'declined',
	'expired'
] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** Offers still open to an answer, so they expire when their date passes. */
export const EXPIRING_STATUSES = ['sent', 'viewed', 'changes_requested'] as const satisfies readonly QuoteStatus[];
/** The same, as a literal SQL condition: a partial index is only used when a query spells its condition the same way. */
const OPEN_QUOTE_STATUS_TEXT = `(${EXPIRING_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** The list itself, for queries that qualify the column (`openQuoteWhere`). */
export const OPEN_QUOTE_STATUS_LIST = sql.raw(OPEN_QUOTE_STATUS_TEXT);
export const OPEN_QUOTES_SQL = sql.raw(`status in ${OPEN_QUOTE_STATUS_TEXT}`);

/**
 * A proposal to a client. Totals are stored (computed from the items by
 * worker/domain/money) so lists never recompute them.
 */
export const quotes = sqliteTable(
	'quotes',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		number: integer().notNull(),
		title: text().notNull(),
		status: text().$type<QuoteStatus>().notNull().default('draft'),
		currency: currency(),
		discountMinor: minor(),
		// Tax rate in basis points (1500 = 15%).
		taxBp: integer().notNull().default(0),
		// The saved tax rate's name when one was picked ("VAT"); printed next to the rate.
		taxName: text(),
		subtotalMinor: minor(),
		taxMinor: minor(),
		totalMinor: minor(),
		notes: text(),
		expiresOn: isoDate(),
		version: integer().notNull().default(1),
		sentAt: timestamp(),
		firstViewedAt: timestamp(),
		lastViewedAt: timestamp(),
		viewCount: integer().notNull().default(0),
		acceptedAt: timestamp(),
		acceptedByContactId: text(),
		declinedAt: timestamp(),
		// The project created when the quote was accepted (or the existing one it was attached to).
		projectId: text(),
		// Proposal flow (worker/domain/proposals). Chosen by staff when sending: accept into this
		// existing project instead of creating one.
		attachToProjectId: text(),
		// A contract to sign on acceptance: an existing one (contractId set before acceptance), or one
		// generated from this template on acceptance (contractId then points at it).
		contractTemplateId: text(),
		contractId: text(),
		// A deposit to pay on acceptance: a percentage (basis points) or a fixed amount of the accepted total,
		// with the balance due `balanceDueDays` after acceptance. Both null: no deposit.
		depositPercentBp: integer(),
		depositFixedMinor: integer(),
		balanceDueDays: integer(),
		// Set on acceptance: the deposit in minor units and the invoice (deposit + balance instalments).
		acceptedDepositMinor: integer(),
		invoiceId: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('quotes_ws_number_uq').on(t.workspaceId, t.number),
		index('quotes_ws_client_idx').on(t.workspaceId, t.clientId, t.status),
		// A client's quote list is newest number first (like invoices): see invoices_ws_client_number_idx.
		index('quotes_ws_client_number_idx').on(t.workspaceId, t.clientId, t.number),
		// The scheduled handler's search for open offers past their date. Partial (the cron
		// spells the condition with OPEN_QUOTES_SQL) so no list query filtering by one status
		// is drawn to it away from the client indexes above.
		index('quotes_open_expires_idx').on(t.expiresOn).where(OPEN_QUOTES_SQL)
	]
);

/** Quantity is in thousandths (1500 = 1.5) so line amounts stay integer: round(q * unit / 1000). */
export const quoteItems = sqliteTable(
	'quote_items',
	{
		id: pk(),
		workspaceId: text().notNull(),
		quoteId: text()
			.notNull()
			.references(() => quotes.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		description: text().notNull(),
		quantityMilli: integer().notNull().default(1000),
		unitPriceMinor: minor(),
		amountMinor: minor(),
		// An optional line the client may tick. `selected` is what counts: false for optional lines
		// until the client ticks them on acceptance; required lines are always selected.
		optional: flag(false),
		selected: flag(true)
	},
	(t) => [index('quote_items_quote_idx').on(t.quoteId, t.position)]
);

/** A client's request for changes to a quote; resolved when staff revise and resend. */
export const quoteChangeRequests = sqliteTable(
	'quote_change_requests',
	{
		id: pk(),
		workspaceId: text().notNull(),
		clientId: text().notNull(),
		quoteId: text()
			.notNull()
			.references(() => quotes.id, { onDelete: 'cascade' }),
		contactId: text(),
		body: text().notNull(),
		quoteVersion: integer().notNull(),
		resolvedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [index('quote_change_requests_quote_idx').on(t.quoteId, t.createdAt)]
);
