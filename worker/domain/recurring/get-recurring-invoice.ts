import { and, desc, eq } from 'drizzle-orm';
import { clients, invoices, projects, recurringInvoices } from '../../../db/schema';
import { requireMember } from '../actor';
import { todayIn } from '../calendar';
import { notFound } from '../errors';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import { displayStatus } from '../invoices/invoice-status';
import { visibleInvoices } from '../invoices/visibility';
import { computeTotals } from '../money';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { FREQUENCY_LABELS, periodStart } from './periods';
import { RECURRING_STATUS_LABELS } from './recurring-status';

/** How many upcoming invoice dates a schedule shows. */
const UPCOMING = 3;

/**
 * One recurring invoice with its lines, the next few invoice dates and the invoices it made
 * (newest first, the last 24), in one batch; a client sees only their own company's.
 */
export async function getRecurringInvoice(opts: Scope & { recurringId: string }) {
	requireMember(opts.actor);
	const db = opts.services.db;
	const where = and(clientScope(recurringInvoices, opts), eq(recurringInvoices.id, opts.recurringId));
	const [rows, made] = await opts.services.reads.batch([
		db
			.select({ schedule: recurringInvoices, clientName: clients.name, projectName: projects.name })
			.from(recurringInvoices)
			.innerJoin(clients, eq(clients.id, recurringInvoices.clientId))
			.leftJoin(projects, eq(projects.id, recurringInvoices.projectId))
			.where(where),
		db
			.select({
				id: invoices.id,
				number: invoices.number,
				status: invoices.status,
				issueDate: invoices.issueDate,
				dueDate: invoices.dueDate,
				periodStart: invoices.periodStart,
				totalMinor: invoices.totalMinor,
				amountPaidMinor: invoices.amountPaidMinor,
				currency: invoices.currency
			})
			.from(invoices)
			.where(and(visibleInvoices(opts), eq(invoices.recurringInvoiceId, opts.recurringId)))
			.orderBy(desc(invoices.periodStart))
			.limit(24)
	]);
	const row = rows[0];
	if (!row) throw notFound('That recurring invoice');
	const s = row.schedule;
	const today = todayIn(opts.workspace.timezone, opts.services.clock.now());
	const upcoming: string[] = [];
	if (s.status !== 'ended') {
		for (let k = s.nextPeriodIndex, count = s.generatedCount; upcoming.length < UPCOMING; k++, count++) {
			const date = periodStart(s.startDate, s.frequency, k);
			if ((s.endDate && date > s.endDate) || (s.maxCount !== null && count >= s.maxCount)) break;
			upcoming.push(date);
		}
	}
	const totals = computeTotals(s.itemsJson, { discountMinor: s.discountMinor, taxBp: s.taxBp });
	return {
		schedule: {
			id: s.id,
			title: s.title,
			clientId: s.clientId,
			clientName: row.clientName,
			projectId: s.projectId,
			projectName: row.projectName,
			currency: s.currency,
			subtotalMinor: s.subtotalMinor,
			discountMinor: s.discountMinor,
			taxBp: s.taxBp,
			taxName: s.taxName,
			taxMinor: s.taxMinor,
			totalMinor: s.totalMinor,
			notes: s.notes,
			frequency: s.frequency,
			frequencyLabel: FREQUENCY_LABELS[s.frequency],
			startDate: s.startDate,
			endDate: s.endDate,
			maxCount: s.maxCount,
			dueDays: s.dueDays,
			status: s.status,
			statusLabel: RECURRING_STATUS_LABELS[s.status],
			nextIssueOn: s.nextIssueOn,
			generatedCount: s.generatedCount,
			pausedAt: s.pausedAt
		},
		items: s.itemsJson.map((item, i) => ({ id: `${s.id}-${i}`, ...item, amountMinor: totals.lines[i] })),
		upcoming,
		invoices: made.map((inv) => ({
			...inv,
			label: formatInvoiceNumber(inv.number),
			displayStatus: displayStatus(inv, today)
		})),
		can: {
			edit: opts.actor.kind === 'staff' && s.status !== 'ended',
			pause: opts.actor.kind === 'staff' && s.status === 'active',
			resume: opts.actor.kind === 'staff' && s.status === 'paused',
			end: opts.actor.kind === 'staff' && s.status !== 'ended'
		}
	};
}

export type RecurringDetail = Awaited<ReturnType<typeof getRecurringInvoice>>;
