import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, currency, isoDate, minor, pk, timestamp, updatedAt } from './columns';
import { workspaces } from './workspaces';

/** A named tax rate staff pick on quotes and invoices ("VAT", 15%). Documents copy the name and rate. */
export const taxRates = sqliteTable(
	'tax_rates',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		rateBp: integer().notNull(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [uniqueIndex('tax_rates_ws_name_uq').on(t.workspaceId, t.name)]
);

export const RECURRING_FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type RecurringFrequency = (typeof RECURRING_FREQUENCIES)[number];
export const RECURRING_STATUSES = ['active', 'paused', 'ended'] as const;
export type RecurringStatus = (typeof RECURRING_STATUSES)[number];

/** Active schedules, spelled literally for the partial index the cron's search uses. */
export const ACTIVE_RECURRING_SQL = sql.raw(`status = 'active'`);

/**
 * A recurring invoice: the lines and terms of the invoice sent every period
 * (worker/domain/recurring). Period k starts on `periodStart(startDate, frequency, k)`
 * (month ends clamp: Jan 31 -> Feb 28/29 -> Mar 31); `nextIssueOn` is the start of period
 * `nextPeriodIndex`, the next one to invoice. Each period's invoice carries
 * (recurringInvoiceId, periodStart), unique, so a period is invoiced once.
 */
export const recurringInvoices = sqliteTable(
	'recurring_invoices',
	{
		id: pk(),
		workspaceId: text()
			.notNull()
			.references(() => workspaces.id, { onDelete: 'cascade' }),
		clientId: text().notNull(),
		projectId: text(),
		title: text().notNull(),
		currency: currency(),
		// [{ description, quantityMilli, unitPriceMinor }]
		itemsJson: text({ mode: 'json' })
			.$type<{ description: string; quantityMilli: number; unitPriceMinor: number }[]>()
			.notNull(),
		discountMinor: minor(),
		taxBp: integer().notNull().default(0),
		taxName: text(),
		subtotalMinor: minor(),
		taxMinor: minor(),
		totalMinor: minor(),
		notes: text(),
		frequency: text().$type<RecurringFrequency>().notNull(),
		startDate: isoDate().notNull(),
		endDate: isoDate(),
		maxCount: integer(),
		// Payment terms: each invoice is due this many days after its period starts.
		dueDays: integer().notNull().default(14),
		status: text().$type<RecurringStatus>().notNull().default('active'),
		nextPeriodIndex: integer().notNull().default(0),
		nextIssueOn: isoDate(),
		generatedCount: integer().notNull().default(0),
		lastGeneratedAt: timestamp(),
		pausedAt: timestamp(),
		createdByUserId: text(),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('recurring_invoices_ws_client_idx').on(t.workspaceId, t.clientId, t.createdAt),
		// The cron's search for schedules with a period due (see ARCHITECTURE "D1 notes" on partial indexes).
		index('recurring_invoices_due_idx').on(t.nextIssueOn).where(ACTIVE_RECURRING_SQL)
	]
);
