import { and, eq, sql } from 'drizzle-orm';
import { invoiceInstalments, invoiceItems, invoices, timeEntries } from '../../../db/schema';
import { withSavedTaxRate } from '../billing/saved-tax-rate';
import { instalmentInserts } from './instalment-rows';
import { scheduleFor } from './schedule';
import { requireStaff } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { AppError } from '../errors';
import type { Scope } from '../scope';
import { failBatchWhen, isGuardFailure } from './batch-guard';
import { parseInvoiceInput } from './invoice-input';
import { formatInvoiceNumber } from './invoice-number';
import { itemAndTimeStatements, readInvoiceParts, staffInvoice } from './invoice-parts';

/**
 * Edits a draft: replaces its lines, releases the time entries no longer on it
 * and bills the new ones, in one batch that first re-checks it is still a draft
 * (sending it meanwhile rolls the edit back instead of changing a sent invoice).
 */
export async function updateInvoice(opts: Scope & { invoiceId: string; input: unknown }) {
	requireStaff(opts.actor);
	const existing = await staffInvoice(opts, opts.invoiceId);
	if (existing.status !== 'draft')
		throw new AppError('conflict', 'Only draft invoices can be edited. Void it and create a new one instead.');
	const { input: raw, taxName } = await withSavedTaxRate(opts, opts.input);
	const input = parseInvoiceInput(raw);
	const { client, project, entries, rows, totals } = await readInvoiceParts(opts, input, existing.id);
	const instalments = scheduleFor(raw, {
		currency: input.currency,
		issueDate: input.issueDate,
		totalMinor: totals.totalMinor
	});
	const { db, clock } = opts.services;
	const now = clock.now();
	const id = existing.id;
	try {
		await db.batch([
			failBatchWhen(db, sql`EXISTS (SELECT 1 FROM invoices WHERE id = ${id} AND status <> 'draft')`),
			db
				.update(invoices)
				.set({
					clientId: client.id,
					projectId: project?.id ?? null,
					issueDate: input.issueDate,
					dueDate: instalments[0]?.dueDate ?? input.dueDate,
					currency: input.currency,
					discountMinor: totals.discountMinor,
					taxBp: input.taxBp,
					taxName: input.taxBp ? taxName : null,
					subtotalMinor: totals.subtotalMinor,
					taxMinor: totals.taxMinor,
					totalMinor: totals.totalMinor,
					notes: input.notes,
					updatedAt: now
				})
				.where(and(eq(invoices.id, id), eq(invoices.workspaceId, opts.workspace.id), eq(invoices.status, 'draft'))),
			db
				.delete(invoiceItems)
				.where(and(eq(invoiceItems.invoiceId, id), eq(invoiceItems.workspaceId, opts.workspace.id))),
			db
				.delete(invoiceInstalments)
				.where(and(eq(invoiceInstalments.invoiceId, id), eq(invoiceInstalments.workspaceId, opts.workspace.id))),
			...instalmentInserts(opts, { id, clientId: client.id }, instalments),
			db
				.update(timeEntries)
				.set({ invoiceId: null, updatedAt: now })
				.where(and(eq(timeEntries.invoiceId, id), eq(timeEntries.workspaceId, opts.workspace.id))),
			...itemAndTimeStatements(opts, id, rows, entries),
			activityInsert(opts, {
				verb: 'invoice.updated',
				summary: `Draft ${formatInvoiceNumber(existing.number)} for ${client.name} updated`,
				clientId: client.id,
				projectId: project?.id ?? null,
				subjectType: 'invoice',
				subjectId: id
			})
		]);
	} catch (error) {
		if (isGuardFailure(error))
			throw new AppError(
				'conflict',
				'This invoice changed meanwhile (it was sent, or a time entry was billed elsewhere). Reload it and try again.'
			);
		throw error;
	}
	return { id, number: existing.number };
}
