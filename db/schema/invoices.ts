import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, currency, isoDate, minor, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

// 'overdue' is not stored: it is 'sent' or 'partially_paid' past its due date (see domain/invoices).
export const INVOICE_STATUSES = ['draft', 'sent', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** Sent or partly paid: what can be overdue. Spelled literally for the partial index below. */
export const UNPAID_INVOICES_SQL = sql.raw(`status in ('sent', 'partially_paid')`);

/** Hands out invoice and quote numbers per workspace: one atomic UPDATE ... RETURNING, never reused. */
export const numberSequences = sqliteTable(
	'number_sequences',
	{
		workspaceId: text().notNull(),
		name: text().$type<'invoice' | 'quote'>().notNull(),
		lastValue: integer().notNull().default(0)
	},
	(t) => [uniqueIndex('number_sequences_uq').on(t.workspaceId, t.name)]
);

export const invoices = sqliteTable(
	'invoices',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text(),
		number: integer().notNull(),
		status: text().$type<InvoiceStatus>().notNull().default('draft'),
		issueDate: isoDate().notNull(),
		dueDate: isoDate().notNull(),
		currency: currency(),
		discountMinor: minor(),
		taxBp: integer().notNull().default(0),
		// The saved tax rate's name when one was picked ("VAT"); printed next to the rate.
		taxName: text(),
		subtotalMinor: minor(),
		taxMinor: minor(),
		totalMinor: minor(),
		amountPaidMinor: minor(),
		notes: text(),
		sentAt: timestamp(),
		paidAt: timestamp(),
		voidedAt: timestamp(),
		// Automatic overdue reminders (invoices/remind-overdue-invoices.ts): when the last one went out, and how many.
		lastRemindedAt: timestamp(),
		reminderCount: integer().notNull().default(0),
		// The accepted quote (proposal) this invoice bills: its deposit and balance instalments.
		quoteId: text(),
		// Made by a recurring schedule for the period starting on periodStart: unique per schedule and
		// period, so however often (or late) the cron runs, a period is invoiced once.
		recurringInvoiceId: text(),
		periodStart: isoDate(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('invoices_ws_number_uq').on(t.workspaceId, t.number),
		uniqueIndex('invoices_recurring_period_uq').on(t.recurringInvoiceId, t.periodStart),
		index('invoices_ws_client_idx').on(t.workspaceId, t.clientId, t.status),
		// A client's invoice list is newest number first: without this SQLite walks the
		// workspace's whole number index (every client's invoices) to find one client's page.
		index('invoices_ws_client_number_idx').on(t.workspaceId, t.clientId, t.number),
		// The reminder cron's search. Partial (see ARCHITECTURE "D1 notes"): only a query spelling
		// UNPAID_INVOICES_SQL literally (unpaidInvoiceWhere) can use it, so no status filter is lured to it.
		index('invoices_unpaid_due_idx').on(t.dueDate).where(UNPAID_INVOICES_SQL)
	]
);

export const invoiceItems = sqliteTable(
	'invoice_items',
	{
		id: pk(),
		workspaceId: text().notNull(),
		invoiceId: text()
			.notNull()
			.references(() => invoices.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		description: text().notNull(),
		quantityMilli: integer().notNull().default(1000),
		unitPriceMinor: minor(),
		amountMinor: minor(),
		timeEntryId: text()
	},
	(t) => [index('invoice_items_invoice_idx').on(t.invoiceId, t.position)]
);

/**
 * A payment schedule: the invoice's total split into instalments with their own due dates
 * (worker/domain/invoices/schedule.ts). Amounts sum to the total exactly; `cumulativeMinor` is
 * the sum through this instalment, so "paid" is derived from the invoice's paid amount
 * (payments settle instalments in order): paid when amount_paid_minor >= cumulative_minor.
 * `paidAt` mirrors that (kept by refreshPaidAmount in the payment's batch) so the reminder cron
 * can search unpaid instalments through a partial index. Fixed once the invoice is sent.
 */
export const invoiceInstalments = sqliteTable(
	'invoice_instalments',
	{
		id: pk(),
		workspaceId: text().notNull(),
		clientId: text().notNull(),
		invoiceId: text()
			.notNull()
			.references(() => invoices.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		label: text().notNull(),
		// As staff typed it: a percentage of the total (basis points), or null for a fixed amount / the rest.
		percentBp: integer(),
		amountMinor: integer().notNull(),
		cumulativeMinor: integer().notNull(),
		dueDate: isoDate().notNull(),
		paidAt: timestamp(),
		// Overdue reminders, per instalment (invoices/remind-overdue-invoices.ts).
		lastRemindedAt: timestamp(),
		reminderCount: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('invoice_instalments_invoice_uq').on(t.invoiceId, t.position),
		// The reminder cron's search, partial like invoices_unpaid_due_idx (spelled literally by the query).
		index('invoice_instalments_unpaid_due_idx')
			.on(t.dueDate)
			.where(sql`paid_at is null`)
	]
);

/**
 * pending: checkout opened; succeeded; failed (declined, or the provider unreachable);
 * abandoned: still pending a day after checkout opened (the scheduled handler marks
 * it). Abandoned is not final: a late charge.success is still verified and applied.
 * reversed: a manual payment staff recorded by mistake and took back (reversedAt,
 * reversedByUserId); it no longer counts towards the invoice. Final.
 */
export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'abandoned' | 'reversed';

/** The online payment providers a workspace can connect (one or both). */
export const PAYMENT_PROVIDERS = ['paystack', 'stripe'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/** How a manual (offline) payment was made; Paystack payments leave the method empty. */
export const MANUAL_PAYMENT_METHODS = ['bank_transfer', 'cash', 'cheque', 'card_terminal', 'other'] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];

/** One attempt to pay (our own reference), or a manual payment recorded by staff. */
export const payments = sqliteTable(
	'payments',
	{
		id: pk(),
		workspaceId: text().notNull(),
		clientId: text().notNull(),
		invoiceId: text().notNull(),
		provider: text().$type<PaymentProvider | 'manual'>().notNull(),
		reference: text().notNull(),
		amountMinor: integer().notNull(),
		currency: text().notNull(),
		status: text().$type<PaymentStatus>().notNull().default('pending'),
		providerTransactionId: text(),
		failureReason: text(),
		// Manual payments: how it was paid, the staff note and who recorded it.
		method: text().$type<ManualPaymentMethod>(),
		note: text(),
		recordedByUserId: text(),
		// A reversed manual payment: when and by whom.
		reversedAt: timestamp(),
		reversedByUserId: text(),
		// The instalment the client chose to pay (informational: payments settle instalments in order).
		instalmentId: text(),
		// A card the provider lets us charge again (Paystack's reusable authorization_code, Stripe's
		// saved payment method), sealed like the keys; set on a succeeded payment. Never used without
		// the client's consent (autopay_mandates).
		reusableAuthEnc: text(),
		reusableAuthLabel: text(),
		// Paystack: the customer's email on the charge; Stripe: the Customer id (cus_...).
		providerCustomer: text(),
		// An autopay charge: the mandate it was made under (one attempt per invoice, ever).
		autopayMandateId: text(),
		paidAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('payments_reference_uq').on(t.reference),
		index('payments_invoice_idx').on(t.invoiceId),
		// Partial, so only the cron's search for old pending checkouts (which spells the
		// condition literally) can use it: an index led by status alone lured SQLite, which
		// plans without statistics, away from payments_invoice_idx in every "succeeded
		// payments of these invoices" query (25 ms instead of 0.1 ms at bench scale).
		index('payments_pending_created_idx')
			.on(t.createdAt)
			.where(sql`status = 'pending'`)
	]
);

/** Every webhook delivery, deduplicated on provider + event + reference. */
export const webhookEvents = sqliteTable(
	'webhook_events',
	{
		id: pk(),
		provider: text().notNull(),
		event: text().notNull(),
		reference: text().notNull(),
		workspaceId: text(),
		outcome: text().notNull(),
		receivedAt: createdAt()
	},
	(t) => [uniqueIndex('webhook_events_dedupe_uq').on(t.provider, t.event, t.reference)]
);

/**
 * Autopay on a recurring invoice: the client's explicit consent (the exact text they agreed to,
 * when, who, from which IP) to charge the saved card of one of their payments for each invoice
 * the schedule makes. Revoked mandates stay as a record; at most one active per schedule.
 */
export const autopayMandates = sqliteTable(
	'autopay_mandates',
	{
		id: pk(),
		workspaceId: text().notNull(),
		clientId: text().notNull(),
		recurringInvoiceId: text().notNull(),
		provider: text().$type<PaymentProvider>().notNull(),
		// The payment whose card is charged (its reusableAuthEnc / providerCustomer).
		sourcePaymentId: text().notNull(),
		authLabel: text().notNull(),
		consentText: text().notNull(),
		consentedAt: timestamp().notNull(),
		consentedByContactId: text().notNull(),
		consentIp: text(),
		revokedAt: timestamp(),
		revokedByContactId: text(),
		// Set when staff turned it off (a client asked by phone, a disputed card); else the contact did.
		revokedByUserId: text(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('autopay_mandates_active_uq')
			.on(t.recurringInvoiceId)
			.where(sql`revoked_at is null`),
		index('autopay_mandates_client_idx').on(t.clientId)
	]
);
