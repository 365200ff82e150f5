import { describe, expect, it } from 'vitest';
import { INVOICES, QUOTES } from '../worker/dev/seed/ids';
import { DEMO, hosts, request, seed, sessionCookie, testServices } from './helpers';

/** A page's data as SvelteKit serialises it for a browser (what its HTML would inline when csr is on). */
async function serialisedData(cookie: string, path: string) {
	const response = await request(hosts.demo, `${path === '/' ? '' : path}/__data.json`, { cookie });
	expect(response.status).toBe(200);
	return await response.text();
}

// app/lib/server-rendered.ts: pages without JavaScript mark their data, and SvelteKit writes a
// placeholder instead of serialising it. The HTML is rendered from the data all the same.
describe('page data only the server renders', () => {
	it('is rendered into the HTML but not serialised for the browser, on the pages that ship no JavaScript', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		// INV-… of the demo's overdue invoice: on the list and on its own page.
		const invoiceHtml = await (await request(hosts.demo, `/invoices/${INVOICES.overdueId}`, { cookie })).text();
		const label = /INV-\d+/.exec(invoiceHtml)?.[0];
		expect(label).toBeTruthy();
		for (const path of ['/invoices', `/invoices/${INVOICES.overdueId}`]) {
			expect(await (await request(hosts.demo, path, { cookie })).text()).toContain(label);
			const data = await serialisedData(cookie, path);
			expect(data).toContain('"renderedOnServer"');
			expect(data).not.toContain(label);
		}
		// The home: its projects are on the page, not in the data.
		const home = await (await request(hosts.demo, '/', { cookie })).text();
		expect(home).toContain('Website redesign');
		expect(await serialisedData(cookie, '/')).not.toContain('Website redesign');
	});

	it('is still serialised on pages whose browser code needs it (csr on: the quote page)', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const data = await serialisedData(cookie, `/quotes/${QUOTES.sent}`);
		expect(data).not.toContain('"renderedOnServer"');
		expect(data).toContain(QUOTES.sent);
	});
});
