import { describe, expect, it } from 'vitest';
import { CORE, INVOICES } from '../dev/seed/ids';
import { DEMO, hosts, inDays, request, seed, sessionCookie, testServices } from '../../tests/helpers';

describe('/api/invoices', () => {
	it('lists a client’s issued invoices only, and answers the one error shape for anything else', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const list = (await (await request(hosts.demo, '/api/invoices', { cookie: casey })).json()) as {
			page: { items: { id: string }[] };
		};
		expect(list.page.items.map((i) => i.id)).not.toContain(INVOICES.draftId);
		expect(list.page.items.map((i) => i.id)).not.toContain(INVOICES.globexId);
		const draft = await request(hosts.demo, `/api/invoices/${INVOICES.draftId}`, { cookie: casey });
		expect(draft.status).toBe(404);
		expect(await draft.json()).toEqual({ error: { code: 'not_found', message: 'That invoice could not be found.' } });
		expect(
			(await request(hosts.demo, `/api/invoices/${INVOICES.globexId}/pay`, { method: 'POST', cookie: casey })).status
		).toBe(404);
		expect((await request(hosts.demo, '/api/invoices', { method: 'POST', json: {}, cookie: casey })).status).toBe(403);
		expect((await request(hosts.demo, '/api/invoices')).status).toBe(401);
	});

	it('lets staff create, send and void through the same use cases as the pages', async () => {
		const services = await seed(testServices());
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const bad = await request(hosts.dashboard, '/api/invoices', {
			method: 'POST',
			json: {
				clientId: DEMO.northwindId,
				issueDate: inDays(0),
				dueDate: inDays(30),
				currency: 'USD',
				items: [{ description: 'x', quantity: '1', unitPrice: 'ten' }]
			},
			cookie: owner
		});
		expect(bad.status).toBe(422);
		expect(await bad.json()).toMatchObject({
			error: { code: 'validation_failed', fields: { 'items.0.unitPrice': expect.any(String) } }
		});
		const created = await request(hosts.dashboard, '/api/invoices', {
			method: 'POST',
			json: {
				clientId: DEMO.northwindId,
				issueDate: inDays(0),
				dueDate: inDays(30),
				currency: 'USD',
				items: [{ description: 'Retainer', quantity: '1', unitPrice: '1,000' }]
			},
			cookie: owner
		});
		expect(created.status).toBe(201);
		const { id, number } = (await created.json()) as { id: string; number: number };
		expect(number).toBe(11); // after the demo's ten
		const sent = (await (
			await request(hosts.dashboard, `/api/invoices/${id}/send`, { method: 'POST', cookie: owner })
		).json()) as { reminder: boolean; recipients: string[] };
		// Every active contact of Northwind, nobody of another client.
		expect({ reminder: sent.reminder, recipients: [...sent.recipients].sort() }).toEqual({
			reminder: false,
			recipients: [DEMO.caseyEmail, CORE.ninaEmail].sort()
		});
		expect(await (await request(hosts.dashboard, `/api/invoices/${id}`, { cookie: owner })).json()).toMatchObject({
			displayStatus: 'sent',
			invoice: { totalMinor: 100_000 }
		});
		expect((await request(hosts.dashboard, `/api/invoices/${id}/void`, { method: 'POST', cookie: owner })).status).toBe(
			200
		);
		expect(await (await request(hosts.dashboard, `/api/invoices/${id}`, { cookie: owner })).json()).toMatchObject({
			displayStatus: 'void'
		});
	});
});
