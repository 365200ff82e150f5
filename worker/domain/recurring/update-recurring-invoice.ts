import { and, eq, inArray } from 'drizzle-orm';
import { recurringInvoices } from '../../../db/schema';
import { activityInsertIfChanged } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { withSavedTaxRate } from '../billing/saved-tax-rate';
import { todayIn } from '../calendar';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { recurringParties } from './create-recurring-invoice';
import { isBeyondEnd } from './periods';
import { parseRecurringInput } from './recurring-input';
import { recurringColumns } from './recurring-rows';

/**
 * Staff change what the coming invoices bill (lines, tax, notes, terms, end). Invoices already
 * made keep what they had. The client, frequency and start date are fixed once an invoice has been
 * made (they define the periods); before that they can change too. Conditional on the schedule
 * being as read (same period, not ended), so a cron run in between is never undone.
 */
export async function updateRecurringInvoice(opts: Scope & { recurringId: string; input: unknown }) {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const s = await db
		.select()
		.from(recurringInvoices)
		.where(and(staffScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId)))
		.get();
	if (!s) throw notFound('That recurring invoice');
	if (s.status === 'ended')
		throw new AppError('conflict', 'This recurring invoice has ended and can no longer change.');
	const started = s.generatedCount > 0;
	const { input, taxName } = await withSavedTaxRate(opts, {
		...((opts.input ?? {}) as Record<string, unknown>),
		...(started ? { clientId: s.clientId, frequency: s.frequency, startDate: s.startDate } : {})
	});
	const now = services.clock.now();
	const draft = parseRecurringInput(input, {
		defaultCurrency: s.currency,
		today: todayIn(workspace.timezone, now),
		allowPastStart: started || (input as { startDate?: unknown }).startDate === s.startDate
	});
	await recurringParties(opts, draft.clientId, draft.projectId);
	const timing = started
		? {}
		: {
				clientId: draft.clientId,
				frequency: draft.frequency,
				startDate: draft.startDate,
				nextIssueOn: draft.startDate
			};
	const ends = isBeyondEnd(
		{ ...s, ...timing, endDate: draft.endDate, maxCount: draft.maxCount },
		s.nextPeriodIndex,
		s.generatedCount
	);
	const columns = recurringColumns(draft, taxName);
	const [updated] = await db.batch([
		db
			.update(recurringInvoices)
			.set({ ...columns, ...timing, ...(ends ? { status: 'ended' as const, nextIssueOn: null } : {}), updatedAt: now })
			.where(
				and(
					eq(recurringInvoices.id, s.id),
					eq(recurringInvoices.nextPeriodIndex, s.nextPeriodIndex),
					eq(recurringInvoices.generatedCount, s.generatedCount),
					inArray(recurringInvoices.status, ['active', 'paused'])
				)
			)
			.returning({ id: recurringInvoices.id }),
		activityInsertIfChanged(opts, {
			verb: 'recurring_invoice.updated',
			summary: `Edited "${columns.title}"${ends ? ' (it has now reached its end)' : ''}`,
			clientId: s.clientId,
			projectId: columns.projectId,
			subjectType: 'recurring_invoice',
			subjectId: s.id
		})
	]);
	if (!updated.length)
		throw new AppError(
			'conflict',
			'An invoice was just made from this schedule, or it changed. Reload it and try again.'
		);
	return { id: s.id };
}
