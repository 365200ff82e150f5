import { describe, expect, it } from 'vitest';
import { BILLING, CONTRACTS, INVOICES, QUOTES, THREADS } from '../worker/dev/seed/ids';
import { DEMO, hosts, request, seed, sessionCookie, testServices } from './helpers';

/**
 * Issue 17's budget: every portal page in at most 2 D1 round trips (the request context, then
 * the layout's and the page's reads in one batch), counted by the development and test
 * instrument (X-D1-Round-Trips, worker/services/d1-metrics.ts) on a warm request, the way
 * `npm run bench` counts them. Exact counts, not timings.
 */
const PAGES: [string, string][] = [
	['home', '/'],
	['project', `/projects/${DEMO.websiteProjectId}`],
	['invoice list', '/invoices'],
	['invoice', `/invoices/${INVOICES.sentId}`],
	['thread', `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`],
	['quote list', '/quotes'],
	['quote', `/quotes/${QUOTES.sent}`],
	['contract', `/contracts/${CONTRACTS.sent}`],
	['recurring invoice', `/invoices/recurring/${BILLING.hostingRecurring}`]
];

describe('portal pages: D1 round trips', () => {
	it('answers every portal page in at most 2 round trips', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const counts: Record<string, number> = {};
		for (const [name, path] of PAGES) {
			await (await request(hosts.demo, path, { cookie, headers: { accept: 'text/html' } })).arrayBuffer();
			const warm = await request(hosts.demo, path, { cookie, headers: { accept: 'text/html' } });
			expect(warm.status, name).toBe(200);
			counts[name] = Number(warm.headers.get('x-d1-round-trips'));
		}
		for (const [name, n] of Object.entries(counts)) expect(n, name).toBeLessThanOrEqual(2);
	});
});
