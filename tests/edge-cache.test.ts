import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO, hosts, request, seed, sessionCookie, testServices } from './helpers';

// SvelteKit's Cloudflare adapter looks a request up in the Cache API before rendering
// unless it says `cache-control: no-cache` (worker/index.ts withoutEdgeCacheLookup).
// Pages are private, so that lookup is skipped for them; the logo, public and cacheable,
// keeps it.
describe('edge cache lookups', () => {
	afterEach(() => vi.restoreAllMocks());

	it('are skipped for pages and kept for the public logo', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const match = vi.spyOn((caches as CacheStorage & { default: Cache }).default, 'match');
		expect((await request(hosts.demo, '/invoices', { cookie, headers: { accept: 'text/html' } })).status).toBe(200);
		expect((await request(hosts.demo, '/login', { headers: { accept: 'text/html' } })).status).toBe(200);
		expect(match).not.toHaveBeenCalled();
		await request(hosts.demo, '/branding/logo?v=1');
		expect(match).toHaveBeenCalledTimes(1);
	});
});
