import { and, asc, eq, isNull, lte, sql, type SQL } from 'drizzle-orm';
import {
	ACTIVE_RECURRING_SQL,
	clients,
	invoiceItems,
	invoices,
	recurringInvoices,
	workspaces
} from '../../../db/schema';
import { formatDate, formatMoney } from '../format';
import type { Services } from '../../services';
import { isoDay } from '../../services/clock';
import { insertChunks, isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { SCHEDULER_ACTOR } from '../actor';
import { brandOf } from '../branding/brand';
import { todayIn } from '../calendar';
import { failBatchWhen, isGuardFailure } from '../invoices/batch-guard';
import { invoiceEmail } from '../invoices/invoice-email';
import { currentInvoiceNumber, takeInvoiceNumber } from '../invoices/invoice-number';
import { computeTotals } from '../money';
import { emailClientContacts } from '../notifications/notify';
import { suggestedRecipients } from '../notifications/recipients';
import type { Workspace } from '../scope';
import { isBeyondEnd, periodEnd, periodStart } from './periods';
import { dueDateFor } from './recurring-input';

type Schedule = typeof recurringInvoices.$inferSelect;

/** Time zones run at most 14 hours ahead of UTC: no workspace's "today" is later than this. */
const MAX_AHEAD_MS = 14 * 3_600_000;
/** Invoices made (and emailed) per run: a run stays short; the next minute's run carries on. */
const DEFAULT_LIMIT = 25;

/** Active, spelled as the partial index `recurring_invoices_due_idx` is, so the search can use it. */
const activeWhere = (): SQL => sql`${sql.raw('"recurring_invoices".')}${ACTIVE_RECURRING_SQL}`;

/**
 * Cron: makes and sends each recurring invoice's due periods, exactly once per period however often
 * or late the cron runs. For every active schedule whose next period has started (its start date is
 * today or earlier in the workspace's time zone), one period at a time, oldest first, until it is
 * caught up (three missed periods make three invoices, never more) or the run's limit is reached.
 *
 * One period is one batch: the schedule moves on to the next period only if it is still active and
 * still at this period (`UPDATE ... WHERE next_period_index = k`, then a guard that rolls the batch
 * back if that changed nothing: paused, ended or taken by an overlapping run), the invoice number is
 * taken, and the invoice is inserted with (recurring_invoice_id, period_start), a unique key: a
 * second insert for the period fails and rolls its whole batch back, number included. Only the run
 * whose batch committed emails the invoice (idempotency key per invoice).
 */
export async function generateRecurringInvoices(opts: {
	services: Services;
	limit?: number;
	scheduleId?: string;
}): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const now = services.clock.now();
	const limit = opts.limit ?? DEFAULT_LIMIT;
	const due = await db
		.select({ schedule: recurringInvoices, workspace: workspaces })
		.from(recurringInvoices)
		.innerJoin(workspaces, eq(workspaces.id, recurringInvoices.workspaceId))
		.innerJoin(
			clients,
			and(eq(clients.id, recurringInvoices.clientId), eq(clients.workspaceId, recurringInvoices.workspaceId))
		)
		.where(
			and(
				activeWhere(),
				lte(recurringInvoices.nextIssueOn, isoDay(now + MAX_AHEAD_MS)),
				isNull(clients.archivedAt),
				opts.scheduleId ? eq(recurringInvoices.id, opts.scheduleId) : undefined
			)
		)
		.orderBy(asc(recurringInvoices.nextIssueOn))
		.limit(limit);
	let made = 0;
	for (const { schedule, workspace } of due) {
		const today = todayIn(workspace.timezone, now);
		let current: Schedule | null = schedule;
		while (
			current &&
			current.status === 'active' &&
			current.nextIssueOn &&
			current.nextIssueOn <= today &&
			made < limit
		) {
			const at: Schedule = current;
			try {
				const step = await generatePeriod(services, workspace, at, now, today);
				if (step.invoiceId) made++;
				current = step.next;
			} catch (error) {
				// One broken schedule must not stop the others.
				console.error(`recurring invoice ${at.id} failed`, error);
				current = null;
			}
		}
	}
	return made;
}

/** Makes the invoice of `schedule`'s next period; returns the schedule as it now stands (null: stop here). */
async function generatePeriod(
	services: Services,
	workspace: Workspace,
	schedule: Schedule,
	now: number,
	today: string
): Promise<{ invoiceId: string | null; next: Schedule | null }> {
	const db = services.db;
	const k = schedule.nextPeriodIndex;
	const start = schedule.nextIssueOn!;
	const where = and(
		eq(recurringInvoices.id, schedule.id),
		eq(recurringInvoices.status, 'active'),
		eq(recurringInvoices.nextPeriodIndex, k)
	)!;
	if (isBeyondEnd(schedule, k, schedule.generatedCount)) {
		await db.update(recurringInvoices).set({ status: 'ended', nextIssueOn: null, updatedAt: now }).where(where);
		return { invoiceId: null, next: null };
	}
	const count = schedule.generatedCount + 1;
	const nextStart = periodStart(schedule.startDate, schedule.frequency, k + 1);
	const ended =
		(schedule.maxCount !== null && count >= schedule.maxCount) ||
		(schedule.endDate !== null && nextStart > schedule.endDate);
	const advanced = {
		nextPeriodIndex: k + 1,
		nextIssueOn: ended ? null : nextStart,
		generatedCount: count,
		lastGeneratedAt: now,
		status: ended ? ('ended' as const) : ('active' as const),
		updatedAt: now
	};

	const id = newId('inv');
	const items = schedule.itemsJson;
	const totals = computeTotals(items, { discountMinor: schedule.discountMinor, taxBp: schedule.taxBp });
	const periodText = `${schedule.title}: ${formatDate(start)} to ${formatDate(periodEnd(schedule.startDate, schedule.frequency, k))}`;
	const system = { services, workspace, actor: SCHEDULER_ACTOR };
	try {
		await db.batch([
			db.update(recurringInvoices).set(advanced).where(where),
			// Paused, ended or advanced by an overlapping run since it was read: roll everything back.
			failBatchWhen(db, sql`changes() = 0`),
			takeInvoiceNumber(db, workspace.id),
			db.insert(invoices).values({
				id,
				workspaceId: workspace.id,
				clientId: schedule.clientId,
				projectId: schedule.projectId,
				number: currentInvoiceNumber(workspace.id),
				status: 'sent',
				issueDate: start,
				dueDate: dueDateFor(start, schedule.dueDays, today),
				currency: schedule.currency,
				discountMinor: totals.discountMinor,
				taxBp: schedule.taxBp,
				taxName: schedule.taxName,
				subtotalMinor: totals.subtotalMinor,
				taxMinor: totals.taxMinor,
				totalMinor: totals.totalMinor,
				amountPaidMinor: 0,
				notes: [periodText, schedule.notes].filter(Boolean).join('\n\n'),
				sentAt: now,
				recurringInvoiceId: schedule.id,
				periodStart: start,
				createdAt: now,
				updatedAt: now
			}),
			...insertChunks(
				db,
				invoiceItems,
				items.map((item, i) => ({
					id: newId('itm'),
					workspaceId: workspace.id,
					invoiceId: id,
					position: i + 1,
					description: item.description,
					quantityMilli: item.quantityMilli,
					unitPriceMinor: item.unitPriceMinor,
					amountMinor: totals.lines[i],
					timeEntryId: null
				}))
			),
			activityInsert(system, {
				verb: 'invoice.sent',
				summary: `Invoice for "${schedule.title}" (${formatDate(start)}) sent automatically (${formatMoney(totals.totalMinor, schedule.currency)})`,
				clientId: schedule.clientId,
				projectId: schedule.projectId,
				subjectType: 'invoice',
				subjectId: id
			})
		]);
	} catch (error) {
		// Another run moved the schedule on (the guard): nothing was written, that run carries on.
		if (isGuardFailure(error)) return { invoiceId: null, next: null };
		// This period was invoiced already (the unique key) though the schedule still points at it
		// (a write from outside the domain): nothing was written; move the schedule past it and go on.
		if (isUniqueViolation(error)) {
			const [moved] = await db.batch([
				db.update(recurringInvoices).set(advanced).where(where).returning({ id: recurringInvoices.id })
			]);
			return { invoiceId: null, next: moved.length ? { ...schedule, ...advanced } : null };
		}
		throw error;
	}
	await emailRecurringInvoice(services, workspace, id);
	return { invoiceId: id, next: { ...schedule, ...advanced } };
}

async function emailRecurringInvoice(services: Services, workspace: Workspace, invoiceId: string) {
	try {
		const invoice = (await services.db.select().from(invoices).where(eq(invoices.id, invoiceId)).get())!;
		const mail = invoiceEmail({
			brandName: brandOf(workspace, services.urls).name,
			invoice,
			dueMinor: invoice.totalMinor,
			kind: 'new',
			portalUrl: services.urls.portal(workspace, `/invoices/${invoice.id}`)
		});
		// Nobody chooses recipients for a generated invoice: the primary contact and those with portal access.
		const to = await suggestedRecipients({ services, workspace }, invoice.clientId);
		await emailClientContacts(
			{ services, workspace },
			invoice.clientId,
			{ ...mail, tag: 'invoice', idempotencyKey: `invoice-sent:${invoice.id}` },
			{ to }
		);
	} catch (error) {
		// The invoice exists and shows on the portal; the email log retries failed sends.
		console.error(`recurring invoice email for ${invoiceId} failed`, error);
	}
}
