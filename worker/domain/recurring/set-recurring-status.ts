import { and, eq, inArray } from 'drizzle-orm';
import { recurringInvoices } from '../../../db/schema';
import { formatDate } from '../format';
import { activityInsertIfChanged } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { todayIn } from '../calendar';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { firstPeriodFrom, isBeyondEnd, periodStart } from './periods';

async function current(opts: Scope & { recurringId: string }) {
	requireStaff(opts.actor);
	const row = await opts.services.db
		.select()
		.from(recurringInvoices)
		.where(and(staffScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId)))
		.get();
	if (!row) throw notFound('That recurring invoice');
	return row;
}

/** Pauses an active schedule: no invoices are made until it is resumed. Pausing twice changes nothing. */
export async function pauseRecurringInvoice(opts: Scope & { recurringId: string }) {
	const s = await current(opts);
	if (s.status !== 'active')
		throw new AppError(
			'conflict',
			s.status === 'paused' ? 'This recurring invoice is already paused.' : 'This recurring invoice has ended.'
		);
	const db = opts.services.db;
	const now = opts.services.clock.now();
	const [updated] = await db.batch([
		db
			.update(recurringInvoices)
			.set({ status: 'paused', pausedAt: now, updatedAt: now })
			.where(and(eq(recurringInvoices.id, s.id), eq(recurringInvoices.status, 'active')))
			.returning({ id: recurringInvoices.id }),
		activityInsertIfChanged(opts, {
			verb: 'recurring_invoice.paused',
			summary: `Paused "${s.title}"`,
			clientId: s.clientId,
			projectId: s.projectId,
			subjectType: 'recurring_invoice',
			subjectId: s.id
		})
	]);
	if (!updated.length)
		throw new AppError('conflict', 'This recurring invoice changed just now. Reload it and try again.');
	return { id: s.id, status: 'paused' as const };
}

/**
 * Resumes a paused schedule from its next period starting today or later: periods that passed
 * while it was paused are skipped, never invoiced late. A schedule already past its end ends.
 */
export async function resumeRecurringInvoice(opts: Scope & { recurringId: string }) {
	const s = await current(opts);
	if (s.status !== 'paused')
		throw new AppError(
			'conflict',
			s.status === 'active' ? 'This recurring invoice is already active.' : 'This recurring invoice has ended.'
		);
	const db = opts.services.db;
	const now = opts.services.clock.now();
	const today = todayIn(opts.workspace.timezone, now);
	const k = firstPeriodFrom(s.startDate, s.frequency, s.nextPeriodIndex, today);
	const ended = isBeyondEnd(s, k, s.generatedCount);
	const next = ended ? null : periodStart(s.startDate, s.frequency, k);
	const [updated] = await db.batch([
		db
			.update(recurringInvoices)
			.set({
				status: ended ? 'ended' : 'active',
				nextPeriodIndex: k,
				nextIssueOn: next,
				pausedAt: null,
				updatedAt: now
			})
			.where(
				and(
					eq(recurringInvoices.id, s.id),
					eq(recurringInvoices.status, 'paused'),
					eq(recurringInvoices.nextPeriodIndex, s.nextPeriodIndex)
				)
			)
			.returning({ id: recurringInvoices.id }),
		activityInsertIfChanged(opts, {
			verb: 'recurring_invoice.resumed',
			summary: ended
				? `Resumed "${s.title}", which had already reached its end`
				: `Resumed "${s.title}": next invoice ${formatDate(next)}`,
			clientId: s.clientId,
			projectId: s.projectId,
			subjectType: 'recurring_invoice',
			subjectId: s.id
		})
	]);
	if (!updated.length)
		throw new AppError('conflict', 'This recurring invoice changed just now. Reload it and try again.');
	return { id: s.id, status: ended ? ('ended' as const) : ('active' as const), nextIssueOn: next };
}

/** Ends a schedule for good: no more invoices (the ones made stay). */
export async function endRecurringInvoice(opts: Scope & { recurringId: string }) {
	const s = await current(opts);
	if (s.status === 'ended') throw new AppError('conflict', 'This recurring invoice has already ended.');
	const db = opts.services.db;
	const now = opts.services.clock.now();
	const [updated] = await db.batch([
		db
			.update(recurringInvoices)
			.set({ status: 'ended', nextIssueOn: null, updatedAt: now })
			.where(and(eq(recurringInvoices.id, s.id), inArray(recurringInvoices.status, ['active', 'paused'])))
			.returning({ id: recurringInvoices.id }),
		activityInsertIfChanged(opts, {
			verb: 'recurring_invoice.ended',
			summary: `Ended "${s.title}" after ${s.generatedCount} invoice${s.generatedCount === 1 ? '' : 's'}`,
			clientId: s.clientId,
			projectId: s.projectId,
			subjectType: 'recurring_invoice',
			subjectId: s.id
		})
	]);
	if (!updated.length)
		throw new AppError('conflict', 'This recurring invoice changed just now. Reload it and try again.');
	return { id: s.id, status: 'ended' as const };
}
