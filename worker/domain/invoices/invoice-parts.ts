import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { clients, invoiceItems, invoices, projects, timeEntries } from '../../../db/schema';
import { formatDate, formatMinutes } from '../format';
import { insertChunks } from '../../services/db';
import { newId } from '../../services/ids';
import { AppError, notFound } from '../errors';
import { minutesToHoursMilli, timeAmount } from '../money';
import type { Scope } from '../scope';
import { clientScope, staffScope } from '../tenancy';
import { failBatchWhen } from './batch-guard';
import { priceInvoice, type InvoiceInput, type ItemRow } from './invoice-input';

type TimeEntry = typeof timeEntries.$inferSelect;

/**
 * A billed time entry becomes one line of hours x hourly rate: quantity in hours (thousandths),
 * unit price the rate, and the amount fixed to the time log's (minutes x rate, rounded once), so
 * 20 minutes show as 0.333 h but cost exactly what the time page says.
 */
export function timeEntryLine(
	entry: Pick<TimeEntry, 'id' | 'description' | 'minutes' | 'rateMinor' | 'currency' | 'date'>
) {
	return {
		description: `${entry.description} (${formatMinutes(entry.minutes)}, ${formatDate(entry.date)})`,
		quantityMilli: minutesToHoursMilli(entry.minutes),
		unitPriceMinor: entry.rateMinor,
		amountMinor: timeAmount(entry.minutes, entry.rateMinor),
		timeEntryId: entry.id
	};
}

/**
 * Reads what an invoice is made of, in one batch: the client, the project, and
 * the chosen time entries, and checks them (same client and project, billable,
 * not billed elsewhere, not running, same currency). `invoiceId` is the invoice
 * being edited, whose own entries count as available.
 */
export async function readInvoiceParts(scope: Scope, input: InvoiceInput, invoiceId?: string) {
	const db = scope.services.db;
	const ids = input.timeEntryIds.length ? input.timeEntryIds : ['-'];
	const [clientRows, projectRows, entryRows] = await db.batch([
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(and(staffScope(clients, scope), eq(clients.id, input.clientId))),
		db
			.select({ id: projects.id, name: projects.name })
			.from(projects)
			.where(
				and(
					clientScope(projects, scope),
					eq(projects.id, input.projectId ?? '-'),
					eq(projects.clientId, input.clientId)
				)
			),
		db
			.select()
			.from(timeEntries)
			.where(and(clientScope(timeEntries, scope), inArray(timeEntries.id, ids)))
			.orderBy(asc(timeEntries.date), asc(timeEntries.createdAt))
	]);
	const client = clientRows[0];
	if (!client)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { clientId: 'Choose one of your clients.' }
		});
	const project = projectRows[0] ?? null;
	if (input.projectId && !project)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { projectId: "Choose one of this client's projects, or none." }
		});

	const entries = entryRows as TimeEntry[];
	const problem = (entry: TimeEntry | undefined): string | null => {
		if (!entry || entry.clientId !== input.clientId) return 'is not a time entry of this client';
		if (input.projectId && entry.projectId !== input.projectId) return 'belongs to another project';
		if (!entry.billable) return 'is not billable';
		if (entry.invoiceId && entry.invoiceId !== invoiceId) return 'is already billed on another invoice';
		if (entry.timerStartedAt) return 'has a timer still running';
		if (entry.currency !== input.currency) return `is in ${entry.currency}, not ${input.currency}`;
		return null;
	};
	for (const id of input.timeEntryIds) {
		const entry = entries.find((e) => e.id === id);
		const why = problem(entry);
		if (why)
			throw new AppError('validation_failed', 'Some time entries cannot be billed.', {
				fields: { timeEntryIds: `A chosen time entry ${why}. Reload the list and choose again.` }
			});
	}
	const draftItems = [...entries.map(timeEntryLine), ...input.lines.map((l) => ({ ...l, timeEntryId: null }))];
	const { rows, totals } = priceInvoice(draftItems, input);
	return { client, project, entries, rows, totals };
}

/**
 * The statements that write an invoice's lines and bill its time entries, for
 * the same batch as the invoice itself: insert the lines, mark the entries
 * billed (only if still unbilled and unchanged), and a guard that rolls the
 * whole batch back if another invoice took one of them meanwhile.
 */
export function itemAndTimeStatements(scope: Scope, invoiceId: string, rows: ItemRow[], entries: TimeEntry[]) {
	const db = scope.services.db;
	const now = scope.services.clock.now();
	const statements = insertChunks(
		db,
		invoiceItems,
		rows.map((row, i) => ({ id: newId('itm'), workspaceId: scope.workspace.id, invoiceId, position: i + 1, ...row }))
	);
	if (entries.length === 0) return statements;
	const idsJson = JSON.stringify(entries.map((e) => e.id));
	const inIds = sql`${timeEntries.id} IN (SELECT value FROM json_each(${idsJson}))`;
	const minutes = entries.reduce((a, e) => a + e.minutes, 0);
	const value = entries.reduce((a, e) => a + e.minutes * e.rateMinor, 0);
	statements.push(
		db
			.update(timeEntries)
			.set({ invoiceId, updatedAt: now })
			.where(
				and(
					eq(timeEntries.workspaceId, scope.workspace.id),
					inIds,
					or(isNull(timeEntries.invoiceId), eq(timeEntries.invoiceId, invoiceId)),
					eq(timeEntries.billable, true),
					isNull(timeEntries.timerStartedAt)
				)
			),
		failBatchWhen(
			db,
			sql`(SELECT count(*) || ':' || coalesce(sum(minutes), 0) || ':' || coalesce(sum(minutes * rate_minor), 0) FROM time_entries WHERE invoice_id = ${invoiceId} AND workspace_id = ${scope.workspace.id}) <> ${`${entries.length}:${minutes}:${value}`}`
		)
	);
	return statements;
}

/** Reads one invoice for staff, by id, or "not found". */
export async function staffInvoice(scope: Scope, invoiceId: string) {
	const row = await scope.services.db
		.select()
		.from(invoices)
		.where(and(staffScope(invoices, scope), eq(invoices.id, invoiceId)))
		.get();
	if (!row) throw notFound('That invoice');
	return row;
}
