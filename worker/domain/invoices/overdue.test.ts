import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invoices, workspaces } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import {
	DEMO,
	emailsTo,
	fixedClock,
	hosts,
	request,
	scopes,
	seed,
	sessionCookie,
	testServices
} from '../../../tests/helpers';
import type { Services } from '../../services';
import { minorToInput } from '../money';
import { recordManualPayment } from '../payments/record-manual-payment';
import type { Scope } from '../scope';
import { workspaceOverview } from '../workspaces/overview';
import { getInvoice } from './get-invoice';
import { listInvoices } from './list-invoices';
import { sendInvoice } from './send-invoice';
// 2026-11-23 12:00 UTC.
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

const setDue = (services: Services, id: string, dueDate: string) =>
	services.db.update(invoices).set({ dueDate }).where(eq(invoices.id, id));

/** What every place that shows invoices says about one of them. */
async function everywhere(staff: Scope, client: Scope, invoiceId: string) {
	const [staffList, staffDetail, clientList, clientDetail, staffFilter, clientFilter] = await Promise.all([
		listInvoices(staff),
		getInvoice({ ...staff, invoiceId }),
		listInvoices(client),
		getInvoice({ ...client, invoiceId }),
		listInvoices({ ...staff, input: { status: 'overdue' } }),
		listInvoices({ ...client, input: { status: 'overdue' } })
	]);
	return {
		staffList: staffList.page.items.find((i) => i.id === invoiceId)?.displayStatus,
		staffDetail: staffDetail.displayStatus,
		clientList: clientList.page.items.find((i) => i.id === invoiceId)?.displayStatus,
		clientDetail: clientDetail.displayStatus,
		inStaffFilter: staffFilter.page.items.some((i) => i.id === invoiceId),
		inClientFilter: clientFilter.page.items.some((i) => i.id === invoiceId)
	};
}

const overdueEverywhere = {
	staffList: 'overdue',
	staffDetail: 'overdue',
	clientList: 'overdue',
	clientDetail: 'overdue',
	inStaffFilter: true,
	inClientFilter: true
};

describe('overdue invoices (derived when read, the same everywhere)', () => {
	it('shows a sent and a partly paid invoice past due as overdue on every staff and client view, the filters and the dashboard count', async () => {
		const services = await seed(testServices({ clock: fixedClock(NOW) }));
		const { demoOwner, casey } = await scopes(services);
		await setDue(services, INVOICES.overdueId, '2026-11-16');
		await setDue(services, INVOICES.partialId, '2026-11-22');
		await setDue(services, INVOICES.sentId, '2026-11-23'); // due today: not overdue yet

		expect(await everywhere(demoOwner, casey, INVOICES.overdueId)).toEqual(overdueEverywhere);
		expect(await everywhere(demoOwner, casey, INVOICES.partialId)).toEqual(overdueEverywhere);
		expect(await everywhere(demoOwner, casey, INVOICES.sentId)).toMatchObject({
			staffDetail: 'sent',
			clientDetail: 'sent',
			inStaffFilter: false,
			inClientFilter: false
		});

		const overview = await workspaceOverview(demoOwner);
		expect(overview.overdueInvoices).toBe(2);
		const [overdue, partial] = await services.db.batch([
			services.db.select().from(invoices).where(eq(invoices.id, INVOICES.overdueId)),
			services.db.select().from(invoices).where(eq(invoices.id, INVOICES.partialId))
		]);
		const open = (i: typeof invoices.$inferSelect) => i.totalMinor - i.amountPaidMinor;
		expect(overview.overdueByCurrency).toEqual([{ currency: 'USD', dueMinor: open(overdue[0]) + open(partial[0]) }]);
		// The status stored never says overdue: nothing has to catch up.
		expect(overdue[0].status).toBe('sent');
		expect(partial[0].status).toBe('partially_paid');
	});

	it("turns overdue at midnight in the workspace's time zone", async () => {
		const clock = fixedClock(Date.UTC(2026, 10, 23, 11, 0, 0));
		const services = await seed(testServices({ clock }));
		await setDue(services, INVOICES.sentId, '2026-11-23');
		await services.db
			.update(workspaces)
			.set({ timezone: 'Pacific/Kiritimati' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		// 11:00 UTC is 01:00 on 2026-11-24 in Kiritimati (UTC+14).
		let { demoOwner, casey } = await scopes(services);
		expect(await everywhere(demoOwner, casey, INVOICES.sentId)).toEqual(overdueEverywhere);
		await services.db
			.update(workspaces)
			.set({ timezone: 'America/New_York' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		({ demoOwner, casey } = await scopes(services));
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.sentId })).displayStatus).toBe('sent');
		// New York's midnight: 2026-11-24 05:00 UTC.
		clock.set(Date.UTC(2026, 10, 24, 5, 0, 0));
		expect(await everywhere(demoOwner, casey, INVOICES.sentId)).toEqual(overdueEverywhere);
	});

	it('stops being overdue as soon as it is paid, and a reminder for it says overdue', async () => {
		const services = await seed(testServices({ clock: fixedClock(NOW) }));
		const { demoOwner, casey } = await scopes(services);
		await setDue(services, INVOICES.overdueId, '2026-11-16');
		await sendInvoice({ ...demoOwner, invoiceId: INVOICES.overdueId });
		const [reminder] = await emailsTo(services, DEMO.caseyEmail);
		expect(reminder.subject).toBe('Overdue: invoice INV-0003 from Demo Studio');
		expect(reminder.text).toContain('It was due on 16 Nov 2026 and is now overdue.');

		const detail = await getInvoice({ ...demoOwner, invoiceId: INVOICES.overdueId });
		await recordManualPayment({
			...demoOwner,
			invoiceId: INVOICES.overdueId,
			input: { amount: minorToInput(detail.amountDueMinor, 'USD'), paidOn: '2026-11-23', method: 'cash' }
		});
		await services.settle();
		expect(await everywhere(demoOwner, casey, INVOICES.overdueId)).toEqual({
			staffList: 'paid',
			staffDetail: 'paid',
			clientList: 'paid',
			clientDetail: 'paid',
			inStaffFilter: false,
			inClientFilter: false
		});
		expect((await workspaceOverview(demoOwner)).overdueInvoices).toBe(0);
	});

	it('the dashboard and the portal pages say Overdue for the same invoice', async () => {
		const services = await seed(testServices());
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const client = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const home = await (
			await request(hosts.dashboard, '/', { cookie: owner, headers: { accept: 'text/html' } })
		).text();
		expect(home).toMatch(/Overdue invoices<\/p>\s*<p class="stat stat-alert">1<\/p>/);
		for (const [host, cookie, path] of [
			[hosts.dashboard, owner, '/invoices?status=overdue'],
			[hosts.dashboard, owner, `/invoices/${INVOICES.overdueId}`],
			[hosts.demo, client, '/invoices'],
			[hosts.demo, client, `/invoices/${INVOICES.overdueId}`]
		] as const) {
			const html = await (await request(host, path, { cookie, headers: { accept: 'text/html' } })).text();
			expect(html, `${host}${path}`).toMatch(/badge-danger[^>]*>\s*Overdue/);
		}
	});
});
