import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { autopayMandates, invoices } from '../db/schema';
import { runScheduledJobs } from '../worker/scheduled';
import { BILLING, CORE, DEMO } from '../worker/dev/seed/ids';
import {
	DAY_MS,
	emailsTo,
	fixedClock,
	hosts,
	request,
	requestSettled,
	seed,
	sessionCookie,
	testServices
} from './helpers';

/** The demo path (README): Peter pays the retainer's open invoice through the stand-in checkout, then turns autopay on. */
describe('autopay on the portal (demo, development stand-in)', () => {
	it('offers autopay after a card payment, refuses it without the box ticked, and the cron then pays the next invoice', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const cookie = await sessionCookie(services, { contactId: CORE.peterContactId });
		const page = `/invoices/recurring/${BILLING.recurring}`;
		expect(await (await request(hosts.demo, page, { cookie, headers: { accept: 'text/html' } })).text()).toContain(
			'Pay one invoice of this schedule by card'
		);

		const pay = await request(hosts.demo, `/api/invoices/${BILLING.recurringInvoice2}/pay`, {
			method: 'POST',
			cookie,
			json: {}
		});
		const { reference } = (await pay.json()) as { reference: string };
		expect(
			(
				await requestSettled(hosts.demo, '/dev/paystack/checkout', {
					method: 'POST',
					form: { reference, action: 'pay' }
				})
			).status
		).toBe(303);
		const html = await (await request(hosts.demo, page, { cookie, headers: { accept: 'text/html' } })).text();
		expect(html).toContain('I authorise Demo Studio to charge my Visa ending 4081');

		const refused = await request(hosts.demo, `${page}?/autopay`, { method: 'POST', cookie, form: {} });
		expect(await refused.text()).toContain('Tick the box to agree');
		const retainerMandates = () =>
			services.db.select().from(autopayMandates).where(eq(autopayMandates.recurringInvoiceId, BILLING.recurring));
		expect(await retainerMandates()).toEqual([]);
		await request(hosts.demo, `${page}?/autopay`, { method: 'POST', cookie, form: { consent: 'yes' } });
		expect(await retainerMandates()).toMatchObject([{ consentedByContactId: CORE.peterContactId, revokedAt: null }]);
		expect(await (await request(hosts.demo, page, { cookie, headers: { accept: 'text/html' } })).text()).toContain(
			'Autopay is on'
		);

		// The retainer's next invoice is due in a few days: the cron makes it and autopay pays it (stand-in: no network).
		clock.advance(40 * DAY_MS);
		await runScheduledJobs(services);
		await services.settle();
		const made = await services.db
			.select()
			.from(invoices)
			.where(and(eq(invoices.recurringInvoiceId, BILLING.recurring)))
			.orderBy(invoices.periodStart);
		expect(made.length).toBeGreaterThan(2);
		expect(made.slice(2).map((i) => i.status)).toEqual(made.slice(2).map(() => 'paid'));
	});
});

/** The demo path (README): Casey has autopay on for Northwind's hosting; staff see it and turn it off. */
describe('autopay on the dashboard (demo)', () => {
	it('shows the client\'s mandate to staff, and "Turn off autopay" turns it off and tells the client', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const page = `/invoices/recurring/${BILLING.hostingRecurring}`;
		const show = async () =>
			(await request(hosts.dashboard, page, { cookie, headers: { accept: 'text/html' } })).text();
		const before = await show();
		expect(before).toContain('Autopay is on.');
		expect(before).toContain('Visa ending 4081, through Paystack');
		expect(before).toContain('I authorise Demo Studio to charge my Visa ending 4081 for each invoice of');
		expect(before).toContain('action="?/stopAutopay"');

		const done = await requestSettled(hosts.dashboard, `${page}?/stopAutopay`, { method: 'POST', cookie, form: {} });
		expect(await done.text()).toContain('Autopay is off: nothing will be charged automatically');
		expect(
			await services.db.select().from(autopayMandates).where(eq(autopayMandates.id, BILLING.hostingMandate)).get()
		).toMatchObject({ revokedByUserId: DEMO.ownerUserId, revokedAt: expect.any(Number) });
		const after = await show();
		expect(after).toContain('Autopay is off.');
		expect(after).toMatch(/Olivia Owner turned it off on \d/);
		expect(after).not.toContain('action="?/stopAutopay"');
		expect((await emailsTo(services, DEMO.caseyEmail)).map((m) => m.subject)).toContain(
			'Autopay is off for "Website hosting"'
		);
	});
});
