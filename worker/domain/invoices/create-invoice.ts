import { invoices } from '../../../db/schema';
import { formatMoney } from '../format';
import { newId } from '../../services/ids';
import { requireStaff } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { AppError } from '../errors';
import type { Scope } from '../scope';
import { isGuardFailure } from './batch-guard';
import { parseInvoiceInput } from './invoice-input';
import { currentInvoiceNumber, takeInvoiceNumber } from './invoice-number';
import { itemAndTimeStatements, readInvoiceParts } from './invoice-parts';
import { withSavedTaxRate } from '../billing/saved-tax-rate';
import { instalmentInserts } from './instalment-rows';
import { scheduleFor } from './schedule';

/**
 * Staff create a draft invoice for a client (optionally a project), from manual
 * lines and/or unbilled time entries, optionally split into a payment schedule
 * (instalments by percentage or amount, each with its due date: schedule.ts). The number is taken in the same batch
 * (drafts get their number at creation; invoices are voided, never deleted, so
 * every number stays accounted for), and the chosen time entries are marked
 * billed in that batch too.
 */
export async function createInvoice(opts: Scope & { input: unknown }) {
	requireStaff(opts.actor);
	const { input: raw, taxName } = await withSavedTaxRate(opts, opts.input);
	const input = parseInvoiceInput(raw);
	const { client, project, entries, rows, totals } = await readInvoiceParts(opts, input);
	const instalments = scheduleFor(raw, {
		currency: input.currency,
		issueDate: input.issueDate,
		totalMinor: totals.totalMinor
	});
	const { db, clock } = opts.services;
	const now = clock.now();
	const id = newId('inv');
	try {
		const [, inserted] = await db.batch([
			takeInvoiceNumber(db, opts.workspace.id),
			db
				.insert(invoices)
				.values({
					id,
					workspaceId: opts.workspace.id,
					clientId: client.id,
					projectId: project?.id ?? null,
					number: currentInvoiceNumber(opts.workspace.id),
					status: 'draft',
					issueDate: input.issueDate,
					// With a schedule, the due date is the next instalment's (refreshPaidAmount keeps it so).
					dueDate: instalments[0]?.dueDate ?? input.dueDate,
					currency: input.currency,
					discountMinor: totals.discountMinor,
					taxBp: input.taxBp,
					taxName: input.taxBp ? taxName : null,
					subtotalMinor: totals.subtotalMinor,
					taxMinor: totals.taxMinor,
					totalMinor: totals.totalMinor,
					amountPaidMinor: 0,
					notes: input.notes,
					createdAt: now,
					updatedAt: now
				})
				.returning({ id: invoices.id, number: invoices.number }),
			...itemAndTimeStatements(opts, id, rows, entries),
			...instalmentInserts(opts, { id, clientId: client.id }, instalments),
			activityInsert(opts, {
				verb: 'invoice.created',
				summary: `Draft invoice for ${client.name} created (${formatMoney(totals.totalMinor, input.currency)})`,
				clientId: client.id,
				projectId: project?.id ?? null,
				subjectType: 'invoice',
				subjectId: id
			})
		]);
		return { id, number: (inserted as { number: number }[])[0].number };
	} catch (error) {
		if (isGuardFailure(error))
			throw new AppError(
				'conflict',
				'Some of the chosen time entries were billed or changed just now. Reload the list and choose again.'
			);
		throw error;
	}
}
