import { env } from 'cloudflare:workers';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invoices } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import { formatMoney } from '../format';
import { DEMO, hosts, request, scopes, seed, sessionCookie, testServices, preparedSql } from '../../../tests/helpers';
import { countingD1 } from '../../services/d1-metrics';
import { createDb } from '../../services/db';
import type { Services } from '../../services';
import { addDays, todayIn } from '../calendar';
import { isOverdue } from '../invoices/invoice-status';
import type { Scope } from '../scope';
import { getPortalHome, portalHomeReads } from './get-portal-home';
import { amountsDueQuery } from '../invoices/amounts-due';
import { requireClient } from '../actor';
import { limitOffset } from '../pagination';
import { PORTAL_PROJECT_STATUSES } from './list-portal-projects';
import { projectSummaryQuery } from './list-projects';

/** A page's HTML without Svelte's hydration comments. */
/** The home's HTML without Svelte's markers, whitespace collapsed as a browser shows it. */
const homeHtml = async (cookie: string) =>
	(await (await request(hosts.demo, '/', { cookie })).text()).replace(/<!--.*?-->/g, '').replace(/\s+/g, ' ');

/** What a client's unpaid invoices owe per currency, worked out row by row with the JS rule (isOverdue), not SQL. */
async function expectedDue(services: Services, clientId: string, scope: Scope) {
	const today = todayIn(scope.workspace.timezone, services.clock.now());
	const rows = await services.db
		.select()
		.from(invoices)
		.where(and(eq(invoices.clientId, clientId), inArray(invoices.status, ['sent', 'partially_paid'])));
	const byCurrency = new Map<
		string,
		{ currency: string; count: number; dueMinor: number; overdueCount: number; overdueMinor: number }
	>();
	for (const r of rows) {
		const d = byCurrency.get(r.currency) ?? {
			currency: r.currency,
			count: 0,
			dueMinor: 0,
			overdueCount: 0,
			overdueMinor: 0
		};
		d.count += 1;
		d.dueMinor += r.totalMinor - r.amountPaidMinor;
		if (isOverdue(r, today)) {
			d.overdueCount += 1;
			d.overdueMinor += r.totalMinor - r.amountPaidMinor;
		}
		byCurrency.set(r.currency, d);
	}
	return [...byCurrency.values()].filter((d) => d.dueMinor > 0).sort((a, b) => a.currency.localeCompare(b.currency));
}

describe('portal home: what the client owes', () => {
	it('totals unpaid invoices per currency with the overdue part, read in the same round trip as the projects', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		// One of Northwind's open invoices in another currency, so there are two totals.
		await services.db.update(invoices).set({ currency: 'EUR' }).where(eq(invoices.id, INVOICES.sentId));
		const expected = await expectedDue(services, DEMO.northwindId, casey);
		expect(expected.map((d) => d.currency)).toEqual(['EUR', 'USD']);
		expect(expected.some((d) => d.overdueCount > 0)).toBe(true);

		const metrics = { roundTrips: 0, statements: 0 };
		const home = await getPortalHome({
			...casey,
			services: { ...casey.services, db: createDb(countingD1(env.DB, () => metrics)) }
		});
		expect(home.amountsDue).toEqual(expected);
		expect(home.projects.items.length).toBeGreaterThan(0);
		expect(metrics).toEqual({ roundTrips: 1, statements: 4 });

		// Drafts, void and paid invoices never count; nothing due, no notice.
		await services.db
			.update(invoices)
			.set({ status: 'paid' })
			.where(and(eq(invoices.clientId, DEMO.northwindId), inArray(invoices.status, ['sent', 'partially_paid'])));
		expect((await getPortalHome({ ...casey })).amountsDue).toEqual([]);
	});

	it("shows only the client's own invoices, and is for clients only", async () => {
		const services = await seed(testServices());
		const { casey, oscar, demoOwner } = await scopes(services);
		const globex = await getPortalHome({ ...oscar });
		expect(globex.amountsDue).toEqual(await expectedDue(services, DEMO.globexId, oscar));
		expect(globex.amountsDue).not.toEqual((await getPortalHome({ ...casey })).amountsDue);
		await expect(getPortalHome({ ...demoOwner })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('puts a notice with the totals and a link to the invoices on the home page', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const [usd] = await expectedDue(services, DEMO.northwindId, casey);
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const html = await homeHtml(cookie);
		expect(html).toContain('You have overdue invoices');
		expect(html).toContain(
			`<strong>${formatMoney(usd.dueMinor, 'USD')}</strong> due on ${usd.count} ${usd.count === 1 ? 'invoice' : 'invoices'}, of which ${formatMoney(usd.overdueMinor, 'USD')} is overdue.`
		);
		expect(html).toMatch(/<a href="\/invoices">View your invoices<\/a>/);
		// The footer's separator keeps its space (Svelte drops whitespace at the start of an {#if} block).
		expect(html).toContain('Client portal of Demo Studio · Powered by CoPortal');

		// Nothing overdue any more: the notice says unpaid instead; nothing due: no notice.
		await services.db.update(invoices).set({ dueDate: '2999-01-01' }).where(eq(invoices.clientId, DEMO.northwindId));
		const unpaid = await homeHtml(cookie);
		expect(unpaid).toContain('You have unpaid invoices');
		expect(unpaid).not.toContain('is overdue');
		await services.db
			.update(invoices)
			.set({ status: 'void' })
			.where(and(eq(invoices.clientId, DEMO.northwindId), inArray(invoices.status, ['sent', 'partially_paid'])));
		const clear = await homeHtml(cookie);
		expect(clear).not.toContain('View your invoices');
		expect(clear).toContain('Your projects');
	});
});

describe('portal home: statements built once per isolate', () => {
	it("binds each client's ids, the day and the page into the same SQL drizzle builds for that request", async () => {
		const services = await seed(testServices());
		const { casey, oscar } = await scopes(services);
		const pinnedDay = todayIn(casey.workspace.timezone, services.clock.now());
		for (const [scope, pageRequest, today] of [
			[casey, { page: 1, pageSize: 24 }, pinnedDay],
			[oscar, { page: 3, pageSize: 10 }, addDays(pinnedDay, 5 * 365)]
		] as const) {
			const [, , projects, due] = portalHomeReads(scope, requireClient(scope.actor), today, pageRequest);
			const built = {
				projects: projectSummaryQuery({
					...scope,
					...limitOffset(pageRequest),
					statuses: PORTAL_PROJECT_STATUSES
				}).toSQL(),
				due: amountsDueQuery(scope, today).toSQL()
			};
			// On the first page drizzle leaves `offset 0` out; the compiled statement binds it.
			const firstPage = pageRequest.page === 1;
			expect(preparedSql(projects)).toEqual({
				sql: firstPage ? `${built.projects.sql} offset ?` : built.projects.sql,
				params: firstPage ? [...built.projects.params, 0] : built.projects.params
			});
			expect(preparedSql(due)).toEqual({ sql: built.due.sql, params: built.due.params });
			// The scope is really bound: the client's own id, never a placeholder left over.
			expect(preparedSql(due).params).toContain(requireClient(scope.actor).clientId);
			expect(preparedSql(projects).params).toContain(scope.workspace.id);
		}
	});
});
