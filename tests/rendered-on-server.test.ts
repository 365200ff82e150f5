import { describe, expect, it } from 'vitest';
import { INVOICES } from '../worker/dev/seed/ids';
import { renderedOnServer, renderedOnServerTransport } from '../app/lib/server-rendered';
import { DEMO, hosts, request, seed, sessionCookie, testServices } from './helpers';

// app/lib/server-rendered.ts: pages without JavaScript mark their data, and SvelteKit writes a
// placeholder into the HTML instead of serialising it.
describe('page data only the server renders', () => {
	it('is replaced by the transport hook, as a whole, in the HTML only', () => {
		// SvelteKit's HTML serialiser (data_serializer.js) asks the hook about every value before
		// walking it; a truthy answer is written instead of the value and its contents.
		const { encode, decode } = renderedOnServerTransport;
		const page = renderedOnServer({ isDataRequest: false }, { invoices: [{ id: 'inv_1' }] });
		expect(encode(page)).toBe(1);
		expect(encode(page.invoices)).toBe(false);
		// Unmarked data, and the same data asked for as __data.json, is serialised in full.
		expect(encode({ invoices: [] })).toBe(false);
		expect(encode(renderedOnServer({ isDataRequest: true }, { invoices: [] }))).toBe(false);
		expect(encode('a string')).toBe(false);
		expect(() => decode(1)).toThrow('csr = false');
	});

	it('is still sent as __data.json, which a hydrated page (quote, thread) fetches to navigate to these pages', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const invoiceHtml = await (await request(hosts.demo, `/invoices/${INVOICES.overdueId}`, { cookie })).text();
		const label = /INV-\d+/.exec(invoiceHtml)?.[0];
		expect(label).toBeTruthy();
		for (const [path, text] of [
			['/invoices', label],
			[`/invoices/${INVOICES.overdueId}`, label],
			['', 'Website redesign']
		] as const) {
			expect(await (await request(hosts.demo, path || '/', { cookie })).text()).toContain(text);
			const data = await request(hosts.demo, `${path}/__data.json`, { cookie });
			expect(data.status).toBe(200);
			const body = await data.text();
			expect(body).toContain(text);
			expect(body).not.toContain('renderedOnServer');
		}
	});
});
