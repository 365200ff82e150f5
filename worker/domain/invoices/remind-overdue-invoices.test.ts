import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, clientContacts, clients, invoices, workspaces } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import { ACME, DEMO, emailsTo, fixedClock, scopes, seed, testServices } from '../../../tests/helpers';
import type { Services } from '../../services';
import { runScheduledJobs } from '../../scheduled';
import { updateWorkspaceSettings } from '../workspaces/update-workspace-settings';
import { daysOverdue, remindOverdueInvoices } from './remind-overdue-invoices';

// 2026-11-23 12:00 UTC: "today" is 2026-11-23 in UTC.
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup() {
	const clock = fixedClock(NOW);
	const services = await seed(testServices({ clock }));
	// The demo data shows one reminder already sent; start every test from none.
	await services.db.update(invoices).set({ lastRemindedAt: null, reminderCount: 0 });
	await services.db.delete(activity).where(eq(activity.verb, 'invoice.reminded'));
	await services.db.update(invoices).set({ dueDate: '2026-11-16' }).where(eq(invoices.id, INVOICES.overdueId));
	return { services, clock };
}

const setDue = (services: Services, ids: string[], dueDate: string) =>
	services.db.update(invoices).set({ dueDate }).where(inArray(invoices.id, ids));
const reminders = async (services: Services, to: string) =>
	(await emailsTo(services, to)).filter((m) => m.tag === 'invoice-reminder');
const entries = (services: Services, id: string) =>
	services.db
		.select()
		.from(activity)
		.where(and(eq(activity.verb, 'invoice.reminded'), eq(activity.subjectId, id)));
const invoice = async (services: Services, id: string) =>
	(await services.db.select().from(invoices).where(eq(invoices.id, id)).get())!;
const setWorkspace = (services: Services, id: string, set: Partial<typeof workspaces.$inferInsert>) =>
	services.db.update(workspaces).set(set).where(eq(workspaces.id, id));

describe('overdue invoice reminders (scheduled)', () => {
	it('emails the contacts once about an overdue invoice: amount due, due date, days overdue, portal link; logged and in the feed', async () => {
		const { services } = await setup();
		expect(await remindOverdueInvoices({ services })).toBe(1);
		const [mail, ...more] = await reminders(services, DEMO.caseyEmail);
		expect(more).toEqual([]);
		expect(mail.subject).toMatch(/^Overdue: invoice INV-0003 from /);
		expect(mail.text).toContain('7 days overdue');
		expect(mail.text).toMatch(/Amount due: \$[\d,.]+\. It was due on .*16.*2026/);
		expect(mail.text).toContain(`/invoices/${INVOICES.overdueId}`);
		const row = await invoice(services, INVOICES.overdueId);
		expect(row).toMatchObject({ lastRemindedAt: NOW, reminderCount: 1 });
		const [entry, ...others] = await entries(services, INVOICES.overdueId);
		expect(others).toEqual([]);
		expect(entry).toMatchObject({
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			actorKind: 'system',
			actorName: 'CoPortal',
			subjectType: 'invoice'
		});
		expect(entry.summary).toBe('Overdue reminder 1 for INV-0003 emailed to the client (due 2026-11-16)');
		// Nothing else is overdue in the seed: a second run at the same moment sends nothing.
		expect(await remindOverdueInvoices({ services })).toBe(0);
		expect(await reminders(services, DEMO.caseyEmail)).toHaveLength(1);
	});

	it('never reminds drafts, void or paid invoices, whatever their due date', async () => {
		const { services } = await setup();
		await setDue(services, [INVOICES.draftId, INVOICES.voidId, INVOICES.paidId], '2026-10-01');
		expect(await remindOverdueInvoices({ services })).toBe(1);
		for (const id of [INVOICES.draftId, INVOICES.voidId, INVOICES.paidId]) {
			expect(await invoice(services, id), id).toMatchObject({ lastRemindedAt: null, reminderCount: 0 });
			expect(await entries(services, id)).toEqual([]);
		}
		// A partly paid invoice past its date is overdue and reminded for what is still due.
		await setDue(services, [INVOICES.partialId], '2026-11-20');
		expect(await remindOverdueInvoices({ services })).toBe(1);
		const partial = (await reminders(services, DEMO.caseyEmail)).find((m) => m.subject.includes('INV-0002'))!;
		expect(partial.text).toContain('3 days overdue');
	});

	it("decides overdue by the workspace's own date", async () => {
		const { services, clock } = await setup();
		await setDue(services, [INVOICES.overdueId], '2026-11-23');
		await setDue(services, [INVOICES.acmeId], '2026-11-23');
		// 2026-11-23 12:00 UTC is already 2026-11-24 in Kiritimati (UTC+14), still 2026-11-23 in Pago Pago (UTC-11).
		await setWorkspace(services, ACME.workspaceId, { timezone: 'Pacific/Kiritimati' });
		await setWorkspace(services, DEMO.workspaceId, { timezone: 'Pacific/Pago_Pago' });
		expect(await remindOverdueInvoices({ services })).toBe(1);
		expect(await invoice(services, INVOICES.acmeId)).toMatchObject({ reminderCount: 1 });
		expect((await reminders(services, ACME.clientEmail))[0].text).toContain('1 day overdue');
		// 2026-11-24 05:00 UTC: a new day in UTC, but Pago Pago is still on the 23rd (its due date).
		clock.set(Date.UTC(2026, 10, 24, 5, 0, 0));
		expect(await remindOverdueInvoices({ services })).toBe(0);
		expect(await invoice(services, INVOICES.overdueId)).toMatchObject({ reminderCount: 0 });
		// 11:00 UTC is midnight in Pago Pago: now it is overdue there.
		clock.set(Date.UTC(2026, 10, 24, 11, 0, 0));
		expect(await remindOverdueInvoices({ services })).toBe(1);
		expect(await invoice(services, INVOICES.overdueId)).toMatchObject({ reminderCount: 1 });
	});

	it("waits the workspace's cadence between reminders of one invoice", async () => {
		const { services, clock } = await setup();
		expect(await remindOverdueInvoices({ services })).toBe(1);
		clock.advance(7 * DAY - HOUR);
		expect(await remindOverdueInvoices({ services })).toBe(0);
		clock.advance(HOUR);
		expect(await remindOverdueInvoices({ services })).toBe(1);
		expect(await invoice(services, INVOICES.overdueId)).toMatchObject({
			lastRemindedAt: NOW + 7 * DAY,
			reminderCount: 2
		});
		expect((await reminders(services, DEMO.caseyEmail))[0].text).toContain('14 days overdue');
		// A shorter cadence applies from the next run.
		await setWorkspace(services, DEMO.workspaceId, { reminderCadenceDays: 3 });
		clock.advance(2 * DAY);
		expect(await remindOverdueInvoices({ services })).toBe(0);
		clock.advance(DAY);
		expect(await remindOverdueInvoices({ services })).toBe(1);
		expect(await reminders(services, DEMO.caseyEmail)).toHaveLength(3);
		expect((await entries(services, INVOICES.overdueId)).map((e) => e.summary).sort()).toEqual(
			[1, 2, 3].map((n) => `Overdue reminder ${n} for INV-0003 emailed to the client (due 2026-11-16)`)
		);
	});

	it('is idempotent under three overlapping runs: one reminder, one email per contact, one entry per invoice', async () => {
		const { services } = await setup();
		await setDue(services, [INVOICES.sentId, INVOICES.acmeId], '2026-11-01');
		const counts = await Promise.all([
			remindOverdueInvoices({ services }),
			remindOverdueInvoices({ services }),
			remindOverdueInvoices({ services })
		]);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
		expect(await reminders(services, DEMO.caseyEmail)).toHaveLength(2);
		expect(await reminders(services, ACME.clientEmail)).toHaveLength(1);
		for (const id of [INVOICES.overdueId, INVOICES.sentId, INVOICES.acmeId]) {
			expect(await entries(services, id), id).toHaveLength(1);
			expect(await invoice(services, id), id).toMatchObject({ reminderCount: 1 });
		}
		expect(await remindOverdueInvoices({ services })).toBe(0);
	});

	it('is bounded per run: the rest go on the next run', async () => {
		const { services } = await setup();
		await setDue(services, [INVOICES.sentId, INVOICES.acmeId], '2026-11-01');
		expect(await remindOverdueInvoices({ services, limit: 2 })).toBe(2);
		expect(await remindOverdueInvoices({ services, limit: 2 })).toBe(1);
		expect(await remindOverdueInvoices({ services, limit: 2 })).toBe(0);
	});

	it('sends nothing for a workspace with reminders off', async () => {
		const { services } = await setup();
		await setDue(services, [INVOICES.acmeId], '2026-11-01');
		await setWorkspace(services, DEMO.workspaceId, { overdueReminders: false });
		expect(await remindOverdueInvoices({ services })).toBe(1);
		expect(await reminders(services, DEMO.caseyEmail)).toEqual([]);
		expect(await invoice(services, INVOICES.overdueId)).toMatchObject({ lastRemindedAt: null, reminderCount: 0 });
		expect(await entries(services, INVOICES.overdueId)).toEqual([]);
		expect(await reminders(services, ACME.clientEmail)).toHaveLength(1);
	});

	it('re-checks the setting and the client in the claim: switched off or archived after the search, nothing is sent', async () => {
		const { services } = await setup();
		await setDue(services, [INVOICES.acmeId], '2026-11-01');
		const db = services.db;
		// The owner switches reminders off, and Acme's client is archived, between the run's search and its claim.
		const racing = new Proxy(db, {
			get: (target, prop) =>
				prop === 'batch'
					? async (statements: Parameters<typeof db.batch>[0]) => {
							await setWorkspace(services, DEMO.workspaceId, { overdueReminders: false });
							await db.update(clients).set({ archivedAt: NOW }).where(eq(clients.id, ACME.roadrunnerId));
							return target.batch(statements);
						}
					: Reflect.get(target, prop, target)
		});
		expect(await remindOverdueInvoices({ services: { ...services, db: racing } })).toBe(0);
		expect(await reminders(services, DEMO.caseyEmail)).toEqual([]);
		expect(await reminders(services, ACME.clientEmail)).toEqual([]);
		expect(await entries(services, INVOICES.overdueId)).toEqual([]);
		expect(await invoice(services, INVOICES.overdueId)).toMatchObject({ reminderCount: 0 });
	});

	it('emails contacts with portal access only: never archived contacts nor ones never invited, and never about an archived client', async () => {
		const { services } = await setup();
		await services.db.insert(clientContacts).values([
			{
				id: 'con_test_ap',
				workspaceId: DEMO.workspaceId,
				clientId: DEMO.northwindId,
				name: 'Accounts Payable',
				email: 'ap@northwind.test',
				lastInvitedAt: NOW - DAY,
				createdAt: NOW
			},
			{
				id: 'con_test_cfo',
				workspaceId: DEMO.workspaceId,
				clientId: DEMO.northwindId,
				name: 'Never Invited',
				email: 'cfo@northwind.test',
				createdAt: NOW
			}
		]);
		await services.db
			.update(clientContacts)
			.set({ archivedAt: NOW - DAY })
			.where(eq(clientContacts.id, DEMO.caseyContactId));
		expect(await remindOverdueInvoices({ services })).toBe(1);
		expect(await reminders(services, DEMO.caseyEmail)).toEqual([]);
		expect(await reminders(services, 'ap@northwind.test')).toHaveLength(1);
		expect(await reminders(services, 'cfo@northwind.test')).toEqual([]);

		await setDue(services, [INVOICES.acmeId], '2026-11-01');
		await services.db
			.update(clients)
			.set({ archivedAt: NOW - DAY })
			.where(eq(clients.id, ACME.roadrunnerId));
		expect(await remindOverdueInvoices({ services })).toBe(0);
		expect(await reminders(services, ACME.clientEmail)).toEqual([]);
		expect(await invoice(services, INVOICES.acmeId)).toMatchObject({ reminderCount: 0 });
	});

	it('runs from the scheduled handler', async () => {
		const { services } = await setup();
		const report = await runScheduledJobs(services);
		expect(report['overdue invoices reminded']).toBe(1);
		expect((await runScheduledJobs(services))['overdue invoices reminded']).toBe(0);
	});

	it('counts days overdue by calendar date', () => {
		expect(daysOverdue('2026-11-22', '2026-11-23')).toBe(1);
		expect(daysOverdue('2026-02-28', '2026-03-01')).toBe(1);
		expect(daysOverdue('2026-03-28', '2026-03-31')).toBe(3);
	});
});

describe('reminder settings (Settings -> Workspace)', () => {
	it('defaults to on, every 7 days; owners change them, validated; omitted fields are kept', async () => {
		const { services } = await setup();
		const { demoOwner } = await scopes(services);
		const read = async () =>
			(await services.db
				.select({ on: workspaces.overdueReminders, days: workspaces.reminderCadenceDays })
				.from(workspaces)
				.where(eq(workspaces.id, DEMO.workspaceId))
				.get())!;
		expect(await read()).toEqual({ on: true, days: 7 });
		const base = { name: 'Demo', defaultCurrency: 'USD' };
		for (const bad of ['0', '61', '2.5', 'weekly', '']) {
			await expect(
				updateWorkspaceSettings({ ...demoOwner, input: { ...base, overdueReminders: 'on', reminderCadenceDays: bad } }),
				bad
			).rejects.toMatchObject({ fields: { reminderCadenceDays: expect.any(String) } });
		}
		await updateWorkspaceSettings({
			...demoOwner,
			input: { ...base, overdueReminders: 'off', reminderCadenceDays: ' 14 ' }
		});
		expect(await read()).toEqual({ on: false, days: 14 });
		await updateWorkspaceSettings({ ...demoOwner, input: base });
		expect(await read()).toEqual({ on: false, days: 14 });
		await updateWorkspaceSettings({ ...demoOwner, input: { ...base, overdueReminders: 'on', reminderCadenceDays: 3 } });
		expect(await read()).toEqual({ on: true, days: 3 });
	});
});
