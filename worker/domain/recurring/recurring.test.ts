import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, invoiceItems, invoices, recurringInvoices, workspaces } from '../../../db/schema';
import { CORE } from '../../dev/seed/ids';
import { DAY_MS, DEMO, emailsTo, fixedClock, scopes, seed, testServices } from '../../../tests/helpers';
import { runScheduledJobs } from '../../scheduled';
import { isoDay } from '../../services/clock';
import { addDays, todayIn } from '../calendar';
import { createRecurringInvoice } from './create-recurring-invoice';
import { generateRecurringInvoices } from './generate-recurring-invoices';
import { periodStart } from './periods';
import { getRecurringInvoice } from './get-recurring-invoice';
import { listRecurringInvoices } from './list-recurring-invoices';
import { endRecurringInvoice, pauseRecurringInvoice, resumeRecurringInvoice } from './set-recurring-status';
import { updateRecurringInvoice } from './update-recurring-invoice';

type Clock = ReturnType<typeof fixedClock>;

async function setup(start?: number) {
	const clock = fixedClock(start);
	const services = await seed(testServices({ clock }));
	// The demo's own schedules (worker/dev/seed/billing.ts) would make invoices as the clock moves: each test counts its own.
	await services.db.delete(recurringInvoices);
	return { clock, services, ...(await scopes(services)) };
}

const retainer = (extra: Record<string, unknown> = {}) => ({
	clientId: DEMO.northwindId,
	title: 'Monthly retainer',
	currency: 'USD',
	'items.0.description': 'Support and maintenance',
	'items.0.quantity': '10',
	'items.0.unitPrice': '95.00',
	taxRate: '7.5',
	frequency: 'monthly',
	dueDays: '14',
	...extra
});

const today = (clock: Clock) => isoDay(clock.now());
const invoicesOf = (s: Awaited<ReturnType<typeof setup>>, id: string) =>
	s.services.db.select().from(invoices).where(eq(invoices.recurringInvoiceId, id)).orderBy(invoices.periodStart);
const scheduleRow = async (s: Awaited<ReturnType<typeof setup>>, id: string) =>
	(await s.services.db.select().from(recurringInvoices).where(eq(recurringInvoices.id, id)).get())!;

describe('recurring invoices', () => {
	it("sends the first period's invoice at once when the schedule starts today: the lines, tax, terms and period", async () => {
		const s = await setup();
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: today(s.clock) }) });
		await s.services.settle();
		const [invoice, ...more] = await invoicesOf(s, id);
		expect(more).toEqual([]);
		expect(invoice).toMatchObject({
			status: 'sent',
			clientId: DEMO.northwindId,
			periodStart: today(s.clock),
			issueDate: today(s.clock),
			dueDate: addDays(today(s.clock), 14),
			subtotalMinor: 95_000,
			taxMinor: 7_125,
			totalMinor: 102_125
		});
		expect(invoice.notes).toContain('Monthly retainer:');
		expect(
			(await s.services.db.select().from(invoiceItems).where(eq(invoiceItems.invoiceId, invoice.id))).map((i) => [
				i.description,
				i.quantityMilli,
				i.unitPriceMinor
			])
		).toEqual([['Support and maintenance', 10_000, 9_500]]);
		expect(await scheduleRow(s, id)).toMatchObject({ status: 'active', nextPeriodIndex: 1, generatedCount: 1 });
		const mails = (await emailsTo(s.services, DEMO.caseyEmail)).filter((m) => m.tag === 'invoice');
		expect(mails).toHaveLength(1);
		expect(mails[0].text).toContain(`/invoices/${invoice.id}`);
		// Nobody chose recipients: the primary contact and those with portal access get it, a contact never invited does not.
		expect((await emailsTo(s.services, CORE.ninaEmail)).filter((m) => m.tag === 'invoice')).toHaveLength(1);
		expect((await emailsTo(s.services, CORE.nicoEmail)).filter((m) => m.tag === 'invoice')).toEqual([]);
		expect(
			(
				await s.services.db
					.select()
					.from(activity)
					.where(and(eq(activity.subjectId, invoice.id), eq(activity.verb, 'invoice.sent')))
			).map((a) => a.actorName)
		).toEqual(['CoPortal']);
	});

	it('makes one invoice per period when the cron runs twice, or three runs overlap', async () => {
		const s = await setup();
		const start = addDays(today(s.clock), 1);
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: start }) });
		await s.services.settle();
		expect(await invoicesOf(s, id)).toHaveLength(0);
		s.clock.advance(DAY_MS);
		await runScheduledJobs(s.services);
		await runScheduledJobs(s.services);
		expect(await invoicesOf(s, id)).toHaveLength(1);
		// A month later, three runs at the same moment.
		s.clock.advance(32 * DAY_MS);
		await Promise.all([
			generateRecurringInvoices({ services: s.services }),
			generateRecurringInvoices({ services: s.services }),
			generateRecurringInvoices({ services: s.services })
		]);
		const made = await invoicesOf(s, id);
		expect(made.map((i) => i.periodStart)).toEqual([start, periodStart(start, 'monthly', 1)]);
		expect(new Set(made.map((i) => i.number)).size).toBe(2);
		expect(await scheduleRow(s, id)).toMatchObject({ nextPeriodIndex: 2, generatedCount: 2 });
		expect((await emailsTo(s.services, DEMO.caseyEmail)).filter((m) => m.tag === 'invoice')).toHaveLength(2);
	});

	it('catches up after three missed periods with three invoices, never more, even with runs overlapping', async () => {
		// Pinned: a month end, to see catch-up and month-end clamping together (Jan 31 -> Feb 28 -> Mar 31 -> Apr 30).
		const s = await setup(Date.UTC(2027, 0, 31, 9));
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: '2027-01-31' }) });
		await s.services.settle();
		expect((await invoicesOf(s, id)).map((i) => i.periodStart)).toEqual(['2027-01-31']);
		// The cron does not run for three months (to 2027-05-10).
		s.clock.set(Date.UTC(2027, 4, 10, 9));
		const counts = await Promise.all([
			generateRecurringInvoices({ services: s.services }),
			generateRecurringInvoices({ services: s.services })
		]);
		const made = await invoicesOf(s, id);
		expect(made.map((i) => i.periodStart)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
		expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
		// Late invoices are dated by their period but never born overdue.
		expect(made.slice(1).map((i) => i.dueDate)).toEqual(['2027-05-10', '2027-05-10', '2027-05-14']);
		expect(await generateRecurringInvoices({ services: s.services })).toBe(0);
		expect(await scheduleRow(s, id)).toMatchObject({
			nextPeriodIndex: 4,
			nextIssueOn: '2027-05-31',
			generatedCount: 4
		});
	});

	it("decides by the workspace's own date: a period starting tomorrow in UTC has started already in Auckland", async () => {
		const s = await setup(Date.UTC(2027, 5, 14, 15)); // 15:00 UTC = 03:00 on the 15th in Auckland
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: '2027-06-15' }) });
		await s.services.settle();
		expect(await invoicesOf(s, id)).toHaveLength(0);
		await s.services.db
			.update(workspaces)
			.set({ timezone: 'Pacific/Auckland' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		expect(todayIn('Pacific/Auckland', s.clock.now())).toBe('2027-06-15');
		expect(await generateRecurringInvoices({ services: s.services })).toBe(1);
		expect((await invoicesOf(s, id)).map((i) => i.periodStart)).toEqual(['2027-06-15']);
	});

	it('ends after its number of invoices, or its end date', async () => {
		const s = await setup();
		const start = today(s.clock);
		const byCount = await createRecurringInvoice({
			...s.demoOwner,
			input: retainer({ startDate: start, frequency: 'weekly', maxCount: '2' })
		});
		const byDate = await createRecurringInvoice({
			...s.demoOwner,
			input: retainer({ startDate: start, frequency: 'weekly', endDate: addDays(start, 10) })
		});
		await s.services.settle();
		s.clock.advance(40 * DAY_MS);
		await generateRecurringInvoices({ services: s.services });
		expect(await invoicesOf(s, byCount.id)).toHaveLength(2);
		expect(await invoicesOf(s, byDate.id)).toHaveLength(2);
		for (const { id } of [byCount, byDate])
			expect(await scheduleRow(s, id)).toMatchObject({ status: 'ended', nextIssueOn: null, generatedCount: 2 });
	});

	it('pauses (nothing is made), then resumes from the next period, skipping the ones that passed', async () => {
		const s = await setup(Date.UTC(2027, 0, 10, 9));
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: '2027-01-10' }) });
		await s.services.settle();
		await pauseRecurringInvoice({ ...s.demoOwner, recurringId: id });
		await expect(pauseRecurringInvoice({ ...s.demoOwner, recurringId: id })).rejects.toMatchObject({
			code: 'conflict'
		});
		s.clock.set(Date.UTC(2027, 3, 20, 9));
		expect(await generateRecurringInvoices({ services: s.services })).toBe(0);
		const resumed = await resumeRecurringInvoice({ ...s.demoOwner, recurringId: id });
		expect(resumed).toMatchObject({ status: 'active', nextIssueOn: '2027-05-10' });
		expect(await generateRecurringInvoices({ services: s.services })).toBe(0);
		s.clock.set(Date.UTC(2027, 4, 10, 9));
		await generateRecurringInvoices({ services: s.services });
		expect((await invoicesOf(s, id)).map((i) => i.periodStart)).toEqual(['2027-01-10', '2027-05-10']);
		await endRecurringInvoice({ ...s.demoOwner, recurringId: id });
		s.clock.set(Date.UTC(2027, 6, 10, 9));
		expect(await generateRecurringInvoices({ services: s.services })).toBe(0);
	});

	it('never invoices a period twice even if the schedule is wound back: the unique key (schedule, period start) holds', async () => {
		const s = await setup();
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: today(s.clock) }) });
		await s.services.settle();
		await s.services.db
			.update(recurringInvoices)
			.set({ nextPeriodIndex: 0, nextIssueOn: today(s.clock), generatedCount: 0 })
			.where(eq(recurringInvoices.id, id));
		await generateRecurringInvoices({ services: s.services });
		expect(await invoicesOf(s, id)).toHaveLength(1);
		expect(await scheduleRow(s, id)).toMatchObject({ nextPeriodIndex: 1 });
	});

	it('shows the schedule, its upcoming dates and its invoices to staff and to the client, not to other clients', async () => {
		const s = await setup();
		const { id } = await createRecurringInvoice({
			...s.demoOwner,
			input: retainer({ startDate: today(s.clock), frequency: 'quarterly' })
		});
		await s.services.settle();
		const forClient = await getRecurringInvoice({ ...s.casey, recurringId: id });
		expect(forClient.schedule).toMatchObject({
			title: 'Monthly retainer',
			frequencyLabel: 'Every 3 months',
			status: 'active',
			totalMinor: 102_125
		});
		expect(forClient.upcoming[0] > today(s.clock)).toBe(true);
		expect(forClient.upcoming).toHaveLength(3);
		expect(forClient.invoices).toHaveLength(1);
		expect(forClient.can).toMatchObject({ pause: false, edit: false });
		expect((await listRecurringInvoices(s.casey)).items.map((r) => r.id)).toContain(id);
		await expect(getRecurringInvoice({ ...s.oscar, recurringId: id })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getRecurringInvoice({ ...s.acmeOwner, recurringId: id })).rejects.toMatchObject({ code: 'not_found' });
		expect((await listRecurringInvoices(s.oscar)).items.map((r) => r.id)).not.toContain(id);
		await expect(pauseRecurringInvoice({ ...s.casey, recurringId: id })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('checks what staff type, field by field, and edits only what coming invoices bill once one was made', async () => {
		const s = await setup();
		await expect(
			createRecurringInvoice({
				...s.demoOwner,
				input: retainer({
					startDate: addDays(today(s.clock), -1),
					frequency: 'daily',
					title: '',
					maxCount: '0',
					endDate: 'soon'
				})
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				startDate: expect.stringContaining('today or later'),
				frequency: expect.any(String),
				title: expect.any(String),
				maxCount: expect.any(String),
				endDate: expect.any(String)
			}
		});
		const { id } = await createRecurringInvoice({ ...s.demoOwner, input: retainer({ startDate: today(s.clock) }) });
		await s.services.settle();
		await updateRecurringInvoice({
			...s.demoOwner,
			recurringId: id,
			input: retainer({ startDate: addDays(today(s.clock), 5), frequency: 'weekly', 'items.0.unitPrice': '100.00' })
		});
		expect(await scheduleRow(s, id)).toMatchObject({
			frequency: 'monthly',
			startDate: today(s.clock),
			totalMinor: 107_500,
			nextPeriodIndex: 1
		});
		expect((await invoicesOf(s, id))[0].totalMinor).toBe(102_125);
	});
});
