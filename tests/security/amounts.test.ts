import { describe, expect, it } from 'vitest';
import { DEMO, hosts, inDays, request, seed, sessionCookie, testServices } from '../helpers';

// Amounts are integers in minor units; a line, a subtotal and a total may be at
// most MAX_AMOUNT_MINOR (money.ts). Anything larger is a 422 on the field it
// comes from, on the API and on the page forms, never a 500 from an overflow.

async function staff() {
	const services = await seed(testServices());
	return sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
}

type Line = { description: string; quantity: string; unitPrice: string };
const invoice = (items: Line[], taxRate = '') => ({
	clientId: DEMO.northwindId,
	issueDate: inDays(0),
	dueDate: inDays(14),
	currency: 'USD',
	taxRate,
	items
});
const quote = (items: Line[], taxRate = '') => ({
	clientId: DEMO.northwindId,
	title: 'Big job',
	currency: 'USD',
	taxRate,
	items
});
const line = (quantity: string, unitPrice: string): Line => ({ description: 'Work', quantity, unitPrice });

async function fieldsOf(res: Response) {
	expect(res.status).toBe(422);
	const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
	expect(body.error.code).toBe('validation_failed');
	return body.error.fields;
}

describe('amounts too large for one document', () => {
	it('an invoice line of 10,000 x 1,000,000.00 with 100% tax is a 422 on its price', async () => {
		const cookie = await staff();
		const res = await request(hosts.dashboard, '/api/invoices', {
			method: 'POST',
			cookie,
			json: invoice([line('10000', '1000000')], '100')
		});
		expect(await fieldsOf(res)).toEqual({ 'items.0.unitPrice': expect.stringContaining('1,000,000,000.00') });
	});

	it('a quote line of 999,999,999 x 9,999,999,999,999 is a 422 on its price', async () => {
		const cookie = await staff();
		const res = await request(hosts.dashboard, '/api/quotes', {
			method: 'POST',
			cookie,
			json: quote([line('999999999', '9999999999999')])
		});
		expect(await fieldsOf(res)).toEqual({ 'items.0.unitPrice': expect.stringContaining('1,000,000,000.00') });
	});

	it('lines that are each allowed but together too much are a 422 on the items, on invoices and quotes', async () => {
		const cookie = await staff();
		const lines = [line('1000', '600000'), line('1000', '600000')];
		expect(
			await fieldsOf(await request(hosts.dashboard, '/api/invoices', { method: 'POST', cookie, json: invoice(lines) }))
		).toEqual({ items: expect.stringContaining('1,000,000,000.00') });
		expect(
			await fieldsOf(await request(hosts.dashboard, '/api/quotes', { method: 'POST', cookie, json: quote(lines) }))
		).toEqual({ items: expect.stringContaining('1,000,000,000.00') });
	});

	it('tax that takes the total over the limit is a 422 on the items, even at 100% on the largest subtotal', async () => {
		const cookie = await staff();
		const lines = [line('1000', '1000000')];
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/invoices', { method: 'POST', cookie, json: invoice(lines, '100') })
			)
		).toEqual({ items: expect.any(String) });
		expect(
			await fieldsOf(
				await request(hosts.dashboard, '/api/quotes', { method: 'POST', cookie, json: quote(lines, '100') })
			)
		).toEqual({ items: expect.any(String) });
		// The largest amount itself, without tax, is fine.
		expect(
			(await request(hosts.dashboard, '/api/invoices', { method: 'POST', cookie, json: invoice(lines) })).status
		).toBe(201);
		expect((await request(hosts.dashboard, '/api/quotes', { method: 'POST', cookie, json: quote(lines) })).status).toBe(
			201
		);
	});

	it('the new invoice and new quote pages show the error next to the field', async () => {
		const cookie = await staff();
		const inv = await request(hosts.dashboard, `/invoices/new?clientId=${DEMO.northwindId}`, {
			cookie,
			form: {
				clientId: DEMO.northwindId,
				issueDate: inDays(0),
				dueDate: inDays(14),
				currency: 'USD',
				taxRate: '100',
				'items.0.description': 'Work',
				'items.0.quantity': '10000',
				'items.0.unitPrice': '1000000'
			}
		});
		expect(inv.status).toBe(422);
		expect(await inv.text()).toMatch(/<p class="field-error" id="items-0-unitPrice-error">[^<]*1,000,000,000\.00/);
		const quo = await request(hosts.dashboard, '/quotes/new', {
			cookie,
			form: {
				clientId: DEMO.northwindId,
				title: 'Big job',
				currency: 'USD',
				'items.0.description': 'Work',
				'items.0.quantity': '999999999',
				'items.0.unitPrice': '9999999999999'
			}
		});
		expect(quo.status).toBe(422);
		expect(await quo.text()).toMatch(/<p class="field-error" id="items-0-unitPrice-error">[^<]*1,000,000,000\.00/);
	});
});
