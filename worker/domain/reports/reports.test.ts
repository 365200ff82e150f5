import { describe, expect, it } from 'vitest';
import { ACME, DEMO, scopes, seed, testServices } from '../../../tests/helpers';
import { INVOICES } from '../../dev/seed/ids';
import { todayIn } from '../calendar';
import { clientStatement } from './client-statement';
import { revenueReport } from './revenue-report';
import { addMonths, startOfDayIn } from './zone-time';

describe('zone time', () => {
	it('finds the instant a day starts in a zone, across DST, and shifts months', () => {
		expect(new Date(startOfDayIn('2026-07-01', 'Europe/Berlin')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
		expect(new Date(startOfDayIn('2026-01-01', 'Europe/Berlin')).toISOString()).toBe('2025-12-31T23:00:00.000Z');
		expect(new Date(startOfDayIn('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(new Date(startOfDayIn('2026-05-01', 'America/New_York')).toISOString()).toBe('2026-05-01T04:00:00.000Z');
		expect(new Date(startOfDayIn('2026-05-01', 'Not/AZone')).toISOString()).toBe('2026-05-01T00:00:00.000Z');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-03', -14)).toBe('2025-01');
	});
});

async function addPayment(
	services: Awaited<ReturnType<typeof seed>>,
	p: { id: string; workspaceId: string; clientId: string; invoiceId: string; amount: number; paidAt: number }
) {
	await services.db.$client
		.prepare(
			`INSERT INTO payments (id, workspace_id, client_id, invoice_id, provider, reference, amount_minor, currency, status, method, paid_at, created_at, updated_at)
			VALUES (?1, ?2, ?3, ?4, 'manual', ?1, ?5, 'USD', 'succeeded', 'bank_transfer', ?6, ?6, ?6)`
		)
		.bind(p.id, p.workspaceId, p.clientId, p.invoiceId, p.amount, p.paidAt)
		.run();
}

describe('revenue view', () => {
	it("sums per month of the workspace's time zone, and lists overdue clients of this workspace only", async () => {
		const services = await seed(testServices());
		await services.db.$client
			.prepare(`UPDATE workspaces SET timezone = 'Pacific/Auckland' WHERE id = ?`)
			.bind(DEMO.workspaceId)
			.run();
		await services.db.$client
			.prepare(`UPDATE workspaces SET timezone = 'Pacific/Auckland' WHERE id = ?`)
			.bind(ACME.workspaceId)
			.run();
		const { demoOwner, acmeOwner } = await scopes(services);
		const before = await revenueReport(demoOwner);
		expect(before.months).toHaveLength(12);
		expect(before.months.at(-1)).toBe(todayIn('Pacific/Auckland', services.clock.now()).slice(0, 7));
		// An hour into last month in Auckland: still the month before in UTC.
		const lastMonth = before.months[10];
		const paidAt = startOfDayIn(`${lastMonth}-01`, 'Pacific/Auckland') + 3_600_000;
		expect(new Date(paidAt).toISOString().slice(0, 7)).toBe(before.months[9]);
		await addPayment(services, {
			id: 'pay_rev_1',
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			invoiceId: INVOICES.overdueId,
			amount: 12345,
			paidAt
		});
		await addPayment(services, {
			id: 'pay_rev_acme',
			workspaceId: ACME.workspaceId,
			clientId: ACME.roadrunnerId,
			invoiceId: INVOICES.acmeId,
			amount: 99999,
			paidAt
		});
		const after = await revenueReport(demoOwner);
		const paid = (r: typeof after, month: string) =>
			r.series.find((s) => s.currency === 'USD')?.months.find((m) => m.month === month)?.paidMinor ?? 0;
		expect(paid(after, lastMonth) - paid(before, lastMonth)).toBe(12345);
		expect(paid(after, before.months[9])).toBe(paid(before, before.months[9]));
		const northwind = after.overdue.find((o) => o.clientId === DEMO.northwindId)!;
		expect(northwind.invoices).toBeGreaterThanOrEqual(1);
		expect(northwind.dueMinor).toBeGreaterThan(0);
		expect(after.overdue.some((o) => o.clientId === ACME.roadrunnerId)).toBe(false);
		const invoicedTotal = after.series.flatMap((s) => s.months).reduce((n, m) => n + m.invoicedMinor, 0);
		expect(invoicedTotal).toBeGreaterThan(0);
		const acme = await revenueReport(acmeOwner);
		expect(acme.overdue.some((o) => o.clientId === DEMO.northwindId)).toBe(false);
	});

	it('is for staff only', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		await expect(revenueReport(casey)).rejects.toMatchObject({ code: 'forbidden' });
	});
});

describe('statement of account', () => {
	it('carries the balance forward and runs it through invoices and payments in the range', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const all = await clientStatement({ ...demoOwner, clientId: DEMO.northwindId, input: {} });
		const usd = all.sections.find((s) => s.currency === 'USD')!;
		expect(usd.lines.length).toBeGreaterThan(0);
		expect(usd.closingMinor).toBe(usd.openingMinor + usd.invoicedMinor - usd.paidMinor);
		expect(usd.lines.at(-1)!.balanceMinor).toBe(usd.closingMinor);
		expect(usd.lines.some((l) => l.invoiceId === INVOICES.globexId)).toBe(false);
		// A range starting today carries everything before it forward, to the same closing balance.
		const today = todayIn(all.timeZone, services.clock.now());
		const recent = await clientStatement({
			...demoOwner,
			clientId: DEMO.northwindId,
			input: { from: today, to: today }
		});
		const recentUsd = recent.sections.find((s) => s.currency === 'USD')!;
		expect(recentUsd.closingMinor).toBe(usd.closingMinor);
		expect(recentUsd.openingMinor).toBe(usd.closingMinor - recentUsd.invoicedMinor + recentUsd.paidMinor);
	});

	it('swaps a backwards range, ignores unreadable dates, and finds no other workspace’s client', async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, casey } = await scopes(services);
		const swapped = await clientStatement({
			...demoOwner,
			clientId: DEMO.northwindId,
			input: { from: '2026-05-01', to: '2026-02-01' }
		});
		expect([swapped.from, swapped.to]).toEqual(['2026-02-01', '2026-05-01']);
		const junk = await clientStatement({
			...demoOwner,
			clientId: DEMO.northwindId,
			input: { from: '2026-02-30', to: 'soon' }
		});
		expect(junk.to).toBe(todayIn(junk.timeZone, services.clock.now()));
		await expect(clientStatement({ ...acmeOwner, clientId: DEMO.northwindId, input: {} })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(clientStatement({ ...casey, clientId: DEMO.northwindId, input: {} })).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
