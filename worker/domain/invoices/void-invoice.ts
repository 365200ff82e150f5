import { and, eq, inArray, sql } from 'drizzle-orm';
import { invoices, timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsert } from '../activity/record-activity';
import { AppError } from '../errors';
import type { Scope } from '../scope';
import { failBatchWhen, isGuardFailure } from './batch-guard';
import { formatInvoiceNumber } from './invoice-number';
import { staffInvoice } from './invoice-parts';

const VOIDABLE = ['draft', 'sent'] as const;

/**
 * Voids a draft or an unpaid sent invoice. It keeps its number (numbers are
 * never reused or deleted) and its time entries become unbilled again. An
 * invoice with money on it cannot be voided: that needs a refund first.
 */
export async function voidInvoice(opts: Scope & { invoiceId: string }) {
	requireStaff(opts.actor);
	const { db, clock } = opts.services;
	const invoice = await staffInvoice(opts, opts.invoiceId);
	const number = formatInvoiceNumber(invoice.number);
	if (invoice.status === 'void') return { id: invoice.id, number: invoice.number };
	const unpaid = sql`status IN ('draft', 'sent') AND amount_paid_minor = 0`;
	if (!(VOIDABLE as readonly string[]).includes(invoice.status) || invoice.amountPaidMinor > 0) {
		throw new AppError('conflict', `${number} has payments on it and cannot be voided.`);
	}
	const now = clock.now();
	try {
		await db.batch([
			failBatchWhen(db, sql`NOT EXISTS (SELECT 1 FROM invoices WHERE id = ${invoice.id} AND ${unpaid})`),
			db
				.update(invoices)
				.set({ status: 'void', voidedAt: now, updatedAt: now })
				.where(
					and(
						eq(invoices.id, invoice.id),
						eq(invoices.workspaceId, opts.workspace.id),
						inArray(invoices.status, [...VOIDABLE])
					)
				),
			db
				.update(timeEntries)
				.set({ invoiceId: null, updatedAt: now })
				.where(and(eq(timeEntries.invoiceId, invoice.id), eq(timeEntries.workspaceId, opts.workspace.id))),
			activityInsert(opts, {
				verb: 'invoice.voided',
				summary: `${number} voided`,
				clientId: invoice.clientId,
				projectId: invoice.projectId,
				subjectType: 'invoice',
				subjectId: invoice.id
			})
		]);
	} catch (error) {
		if (isGuardFailure(error))
			throw new AppError('conflict', `${number} was paid or changed just now and cannot be voided.`);
		throw error;
	}
	return { id: invoice.id, number: invoice.number };
}
