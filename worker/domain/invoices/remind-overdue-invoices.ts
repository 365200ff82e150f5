import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { clients, invoiceInstalments, invoices, UNPAID_INVOICES_SQL, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { isoDay } from '../../services/clock';
import { runBatch, type Statement } from '../../services/batch';
import { SCHEDULER_ACTOR } from '../actor';
import { brandOf } from '../branding/brand';
import { todayIn } from '../calendar';
import { emailClientContacts } from '../notifications/notify';
import { suggestedRecipients } from '../notifications/recipients';
import { amountDue } from './invoice-status';
import { invoiceEmail } from './invoice-email';

const DAY_MS = 86_400_000;
/** Time zones run at most 14 hours ahead of UTC: no workspace's "today" is later than this. */
const MAX_AHEAD_MS = 14 * 3_600_000;
/** Invoices claimed per statement, under D1's 100 bound parameters. */
const CHUNK = 80;
/** Emails are sent one by one inside the run: keep a run short. */
const DEFAULT_LIMIT = 25;

/** Sent or partly paid, spelled as the partial index `invoices_unpaid_due_idx` is, so the search can use it. */
const unpaidInvoiceWhere = (): SQL => sql`${sql.raw('"invoices".')}${UNPAID_INVOICES_SQL}`;

/** Not reminded yet, or the last reminder is at least a cadence old. */
const dueForReminder = (notAfter: number): SQL =>
	or(isNull(invoices.lastRemindedAt), lte(invoices.lastRemindedAt, notAfter))!;

/** Invoices without a payment schedule: a scheduled one is reminded per instalment (below). */
const unscheduled = (): SQL =>
	sql`not exists (select 1 from ${invoiceInstalments} where ${invoiceInstalments.invoiceId} = ${invoices.id})`;

/** Reminders still on for the workspace and the client not archived: re-checked in the claim, so a change read after the search counts. */
const stillWanted = (): SQL =>
	sql`exists (select 1 from ${workspaces} join ${clients} on ${clients.workspaceId} = ${workspaces.id} where ${workspaces.id} = ${invoices.workspaceId} and ${clients.id} = ${invoices.clientId} and ${workspaces.overdueReminders} = 1 and ${clients.archivedAt} is null)`;

/**
 * Cron: emails the client's contacts with portal access (and the primary one) about each overdue invoice (sent or partly
 * paid, due date before today in the workspace's time zone) of a workspace with
 * "Remind clients about overdue invoices" on, at most once per the workspace's
 * cadence (days) per invoice. Drafts, void and paid invoices are never reminded,
 * nor invoices of archived clients; archived contacts are not emailed
 * (`emailClientContacts`).
 *
 * Claim first, then send: per distinct (today, cadence) one batch of an INSERT ...
 * SELECT activity entry and the conditional UPDATE (still unpaid, still past due,
 * still not reminded within the cadence) that stores `last_reminded_at` and bumps
 * `reminder_count`, RETURNING the invoices it changed. A batch is one transaction,
 * so overlapping runs each claim a disjoint set and every reminder has exactly one
 * feed entry. Only this run's claimed invoices are emailed, with idempotency keys
 * per reminder and contact (the email log retries failures). At most `limit`
 * invoices per run, oldest due date first; the rest go on the next minute's run.
 */
export async function remindOverdueInvoices(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const now = services.clock.now();
	const candidates = await db
		.select({
			id: invoices.id,
			dueDate: invoices.dueDate,
			timezone: workspaces.timezone,
			cadence: workspaces.reminderCadenceDays
		})
		.from(invoices)
		.innerJoin(workspaces, eq(workspaces.id, invoices.workspaceId))
		.innerJoin(clients, and(eq(clients.id, invoices.clientId), eq(clients.workspaceId, invoices.workspaceId)))
		.where(
			and(
				unpaidInvoiceWhere(),
				lt(invoices.dueDate, isoDay(now + MAX_AHEAD_MS)),
				eq(workspaces.overdueReminders, true),
				isNull(clients.archivedAt),
				unscheduled(),
				sql`(${invoices.lastRemindedAt} is null or ${invoices.lastRemindedAt} <= ${now} - ${workspaces.reminderCadenceDays} * ${DAY_MS})`
			)
		)
		.orderBy(asc(invoices.dueDate))
		.limit(opts.limit ?? DEFAULT_LIMIT);

	const claimed = await claimOverdue(services, now, candidates, (ids, today, notAfter) => {
		const stillDue = and(
			inArray(invoices.id, ids),
			unpaidInvoiceWhere(),
			lt(invoices.dueDate, today),
			dueForReminder(notAfter),
			stillWanted(),
			unscheduled()
		);
		// The summary's 'INV-' || printf('%04d', number) is formatInvoiceNumber (invoice-number.ts) in SQL: it runs inside the INSERT ... SELECT.
		return [
			db.run(sql`INSERT INTO activity (id, workspace_id, client_id, project_id, actor_kind, actor_id, actor_name, verb, subject_type, subject_id, summary, created_at)
				SELECT 'act_' || lower(hex(randomblob(10))), ${invoices.workspaceId}, ${invoices.clientId}, ${invoices.projectId}, ${SCHEDULER_ACTOR.kind}, NULL, ${SCHEDULER_ACTOR.name}, 'invoice.reminded', 'invoice', ${invoices.id},
					'Overdue reminder ' || (${invoices.reminderCount} + 1) || ' for INV-' || printf('%04d', ${invoices.number}) || ' emailed to the client (due ' || ${invoices.dueDate} || ')', ${now}
				FROM ${invoices} WHERE ${stillDue}`),
			db
				.update(invoices)
				.set({ lastRemindedAt: now, reminderCount: sql`${invoices.reminderCount} + 1` })
				.where(stillDue)
				.returning({ id: invoices.id })
		];
	});
	const instalments = await remindOverdueInstalments(
		services,
		now,
		Math.max(0, (opts.limit ?? DEFAULT_LIMIT) - claimed.length)
	);
	if (!claimed.length) return instalments;

	const rows = await db
		.select({ invoice: invoices, workspace: workspaces })
		.from(invoices)
		.innerJoin(workspaces, eq(workspaces.id, invoices.workspaceId))
		.where(inArray(invoices.id, claimed));
	await sendEach(
		rows,
		({ invoice, workspace }) => emailReminder(services, workspace, invoice, now),
		({ invoice }) => `overdue reminder for ${invoice.id}`
	);
	return claimed.length + instalments;
}

/**
 * The same for invoices with a payment schedule, per instalment: an instalment not yet paid
 * (payments settle instalments in order; `paid_at` is kept by refreshPaidAmount) and due before
 * today in the workspace's time zone is reminded at most once per cadence, with its own
 * `last_reminded_at` and `reminder_count`, so paying the deposit and later missing the balance
 * starts the balance's reminders afresh. Claim, then send, exactly like the invoices above.
 */
async function remindOverdueInstalments(services: Services, now: number, limit: number): Promise<number> {
	if (limit <= 0) return 0;
	const db = services.db;
	const candidates = await db
		.select({
			id: invoiceInstalments.id,
			dueDate: invoiceInstalments.dueDate,
			timezone: workspaces.timezone,
			cadence: workspaces.reminderCadenceDays
		})
		.from(invoiceInstalments)
		.innerJoin(invoices, eq(invoices.id, invoiceInstalments.invoiceId))
		.innerJoin(workspaces, eq(workspaces.id, invoices.workspaceId))
		.innerJoin(clients, and(eq(clients.id, invoices.clientId), eq(clients.workspaceId, invoices.workspaceId)))
		.where(
			and(
				unpaidInstalmentWhere(),
				lt(invoiceInstalments.dueDate, isoDay(now + MAX_AHEAD_MS)),
				inArray(invoices.status, ['sent', 'partially_paid']),
				eq(workspaces.overdueReminders, true),
				isNull(clients.archivedAt),
				sql`(${invoiceInstalments.lastRemindedAt} is null or ${invoiceInstalments.lastRemindedAt} <= ${now} - ${workspaces.reminderCadenceDays} * ${DAY_MS})`
			)
		)
		.orderBy(asc(invoiceInstalments.dueDate))
		.limit(limit);
	const claimed = await claimOverdue(services, now, candidates, (ids, today, notAfter) => {
		const stillDue = and(
			inArray(invoiceInstalments.id, ids),
			unpaidInstalmentWhere(),
			lt(invoiceInstalments.dueDate, today),
			or(isNull(invoiceInstalments.lastRemindedAt), lte(invoiceInstalments.lastRemindedAt, notAfter)),
			sql`exists (select 1 from ${invoices} where ${invoices.id} = ${invoiceInstalments.invoiceId} and ${invoices.status} in ('sent', 'partially_paid') and ${invoices.amountPaidMinor} < ${invoiceInstalments.cumulativeMinor} and ${stillWanted()})`
		);
		return [
			db.run(sql`INSERT INTO activity (id, workspace_id, client_id, project_id, actor_kind, actor_id, actor_name, verb, subject_type, subject_id, summary, created_at)
				SELECT 'act_' || lower(hex(randomblob(10))), i.workspace_id, i.client_id, i.project_id, ${SCHEDULER_ACTOR.kind}, NULL, ${SCHEDULER_ACTOR.name}, 'invoice.reminded', 'invoice', i.id,
					'Overdue reminder ' || (${invoiceInstalments.reminderCount} + 1) || ' for ' || ${invoiceInstalments.label} || ' of INV-' || printf('%04d', i.number) || ' emailed to the client (due ' || ${invoiceInstalments.dueDate} || ')', ${now}
				FROM ${invoiceInstalments} JOIN ${invoices} i ON i.id = ${invoiceInstalments.invoiceId} WHERE ${stillDue}`),
			db
				.update(invoiceInstalments)
				.set({ lastRemindedAt: now, reminderCount: sql`${invoiceInstalments.reminderCount} + 1` })
				.where(stillDue)
				.returning({ id: invoiceInstalments.id })
		];
	});
	if (!claimed.length) return 0;
	const rows = await db
		.select({ instalment: invoiceInstalments, invoice: invoices, workspace: workspaces })
		.from(invoiceInstalments)
		.innerJoin(invoices, eq(invoices.id, invoiceInstalments.invoiceId))
		.innerJoin(workspaces, eq(workspaces.id, invoices.workspaceId))
		.where(inArray(invoiceInstalments.id, claimed));
	await sendEach(
		rows,
		async ({ instalment, invoice, workspace }) => {
			const before = instalment.cumulativeMinor - instalment.amountMinor;
			const remaining = Math.min(
				instalment.amountMinor,
				instalment.cumulativeMinor - Math.max(before, invoice.amountPaidMinor)
			);
			const mail = invoiceEmail({
				brandName: brandOf(workspace, services.urls).name,
				invoice: { ...invoice, dueDate: instalment.dueDate },
				dueMinor: remaining,
				kind: 'overdue',
				daysOverdue: daysOverdue(instalment.dueDate, todayIn(workspace.timezone, now)),
				instalmentLabel: instalment.label,
				portalUrl: services.urls.portal(workspace, `/invoices/${invoice.id}`)
			});
			// The same people as an invoice's overdue reminder: the primary contact and those with portal access.
			const to = await suggestedRecipients({ services, workspace }, invoice.clientId);
			await emailClientContacts(
				{ services, workspace },
				invoice.clientId,
				{
					...mail,
					tag: 'invoice-reminder',
					idempotencyKey: `instalment-reminder:${instalment.id}:${instalment.reminderCount}`
				},
				{ to }
			);
		},
		({ instalment }) => `overdue reminder for instalment ${instalment.id}`
	);
	return claimed.length;
}

type OverdueCandidate = { id: string; dueDate: string | null; timezone: string; cadence: number };

/**
 * The claim shared by invoices and instalments: candidates past due in their workspace's time zone are grouped by
 * (today, cadence), and each group (in chunks under D1's bound-parameter limit) becomes the pair of statements
 * `claim` builds (the activity INSERT ... SELECT, then the conditional UPDATE ... RETURNING). All in one batch, so
 * overlapping runs claim disjoint sets; returns the ids this run claimed.
 */
async function claimOverdue(
	services: Services,
	now: number,
	candidates: OverdueCandidate[],
	claim: (ids: string[], today: string, notAfter: number) => [Statement, Statement]
): Promise<string[]> {
	const groups = new Map<string, { today: string; notAfter: number; ids: string[] }>();
	for (const c of candidates) {
		const today = todayIn(c.timezone, now);
		if (!c.dueDate || c.dueDate >= today) continue;
		const notAfter = now - c.cadence * DAY_MS;
		const key = `${today}|${notAfter}`;
		const group = groups.get(key) ?? { today, notAfter, ids: [] };
		group.ids.push(c.id);
		groups.set(key, group);
	}
	const statements: Statement[] = [];
	for (const { today, notAfter, ids } of groups.values()) {
		for (let i = 0; i < ids.length; i += CHUNK) statements.push(...claim(ids.slice(i, i + CHUNK), today, notAfter));
	}
	const results = await runBatch(services.db, statements);
	const claimed: string[] = [];
	for (let i = 1; i < results.length; i += 2) claimed.push(...(results[i] as { id: string }[]).map((r) => r.id));
	return claimed;
}

/** Emails each claimed reminder: one bad address or outage must not stop the others; the email log keeps failed sends for retry. */
async function sendEach<T>(rows: T[], send: (row: T) => Promise<void>, describe: (row: T) => string) {
	for (const row of rows) {
		try {
			await send(row);
		} catch (error) {
			console.error(`${describe(row)} failed`, error);
		}
	}
}

/** Not paid yet, spelled as the partial index `invoice_instalments_unpaid_due_idx` is, so the search can use it. */
const unpaidInstalmentWhere = (): SQL => sql`${sql.raw('"invoice_instalments".')}paid_at is null`;

/** Whole days from the due date to today, both 'YYYY-MM-DD'. */
export function daysOverdue(dueDate: string, today: string): number {
	return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / DAY_MS);
}

async function emailReminder(
	services: Services,
	workspace: typeof workspaces.$inferSelect,
	invoice: typeof invoices.$inferSelect,
	now: number
) {
	const mail = invoiceEmail({
		brandName: brandOf(workspace, services.urls).name,
		invoice,
		dueMinor: amountDue(invoice),
		kind: 'overdue',
		daysOverdue: daysOverdue(invoice.dueDate!, todayIn(workspace.timezone, now)),
		portalUrl: services.urls.portal(workspace, `/invoices/${invoice.id}`)
	});
	// The people a send goes to by default (the primary contact and those with portal access), never a
	// contact who was not brought to the portal. The reminder number (stored before sending) keys it: a
	// retried send is recognised per contact.
	const to = await suggestedRecipients({ services, workspace }, invoice.clientId);
	await emailClientContacts(
		{ services, workspace },
		invoice.clientId,
		{ ...mail, tag: 'invoice-reminder', idempotencyKey: `invoice-reminder:${invoice.id}:${invoice.reminderCount}` },
		{ to }
	);
}
