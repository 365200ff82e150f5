import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projects, quotes } from '../../../db/schema';
import { ACME, DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { acceptQuote } from './accept-quote';
import { createQuote } from './create-quote';
import { declineQuote } from './decline-quote';
import { getQuote } from './get-quote';
import { listQuotes } from './list-quotes';
import { downloadQuotePdf } from './quote-pdf';
import { requestQuoteChanges } from './request-quote-changes';
import { sendQuote } from './send-quote';
import { sampleQuote, sentQuote } from './testing';
import { updateQuote } from './update-quote';

describe('who can see and act on a quote', () => {
	it('another client of the same workspace cannot read or act on it by id (not found, nothing changes)', async () => {
		const services = await seed(testServices());
		const { demoOwner, oscar } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		const input = { version: 1, confirm: true, body: 'x' };
		for (const attempt of [
			() => getQuote({ ...oscar, quoteId: id }),
			() => acceptQuote({ ...oscar, quoteId: id, input }),
			() => requestQuoteChanges({ ...oscar, quoteId: id, input }),
			() => declineQuote({ ...oscar, quoteId: id, input }),
			() => downloadQuotePdf({ ...oscar, quoteId: id })
		]) {
			await expect(attempt()).rejects.toMatchObject({ code: 'not_found' });
		}
		expect((await listQuotes(oscar)).items.map((q) => q.id)).not.toContain(id);
		const row = await services.db.select().from(quotes).where(eq(quotes.id, id)).get();
		expect(row).toMatchObject({ status: 'sent', viewCount: 0 });
	});

	it("another workspace's staff and clients cannot reach it", async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner, acmeClient } = await scopes(services);
		const id = await sentQuote(demoOwner, DEMO.northwindId);
		await expect(getQuote({ ...acmeOwner, quoteId: id })).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			updateQuote({ ...acmeOwner, quoteId: id, input: sampleQuote(ACME.roadrunnerId) })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(sendQuote({ ...acmeOwner, quoteId: id })).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			acceptQuote({ ...acmeClient, quoteId: id, input: { version: 1, confirm: true } })
		).rejects.toMatchObject({ code: 'not_found' });
		expect((await listQuotes(acmeOwner)).items.map((q) => q.id)).not.toContain(id);
		expect(await services.db.select().from(projects).where(eq(projects.quoteId, id))).toHaveLength(0);
	});

	it('clients cannot create, edit or send quotes; anonymous visitors get nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey, anonymousDemo } = await scopes(services);
		const { id } = await createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) });
		await expect(createQuote({ ...casey, input: sampleQuote(DEMO.northwindId) })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(updateQuote({ ...casey, quoteId: id, input: sampleQuote(DEMO.northwindId) })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(sendQuote({ ...casey, quoteId: id })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(getQuote({ ...anonymousDemo, quoteId: id })).rejects.toMatchObject({ code: 'unauthenticated' });
		await expect(listQuotes(anonymousDemo)).rejects.toMatchObject({ code: 'unauthenticated' });
	});

	it('over HTTP: 404 for another client, 401 signed out, 403 cross-site, drafts hidden', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const sent = await sentQuote(demoOwner, DEMO.northwindId);
		const { id: draft } = await createQuote({ ...demoOwner, input: sampleQuote(DEMO.northwindId) });
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
		expect((await request(hosts.demo, `/api/quotes/${sent}`, { cookie: casey })).status).toBe(200);
		expect((await request(hosts.demo, `/api/quotes/${draft}`, { cookie: casey })).status).toBe(404);
		const other = await request(hosts.demo, `/api/quotes/${sent}`, { cookie: oscar });
		expect(other.status).toBe(404);
		expect(await other.json()).toMatchObject({ error: { code: 'not_found' } });
		expect((await request(hosts.demo, `/api/quotes/${sent}/pdf`, { cookie: oscar })).status).toBe(404);
		expect((await request(hosts.demo, `/api/quotes/${sent}`)).status).toBe(401);
		expect((await request(hosts.acme, `/api/quotes/${sent}`, { cookie: casey })).status).toBe(401);
		const csrf = await request(hosts.demo, `/api/quotes/${sent}/accept`, {
			cookie: casey,
			json: { confirm: true, version: 1 },
			headers: { origin: 'https://evil.example' }
		});
		expect(csrf.status).toBe(403);
		const list = (await (await request(hosts.demo, '/api/quotes', { cookie: casey })).json()) as {
			items: { id: string }[];
		};
		expect(list.items.map((q) => q.id)).toContain(sent);
		expect(list.items.map((q) => q.id)).not.toContain(draft);
	});

	it('staff create and send over HTTP with field errors in the one error shape', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const bad = await request(hosts.dashboard, '/api/quotes', {
			cookie: staff,
			json: { clientId: DEMO.northwindId, title: '', items: [{ description: 'A', unitPrice: 'ten' }] }
		});
		expect(bad.status).toBe(422);
		expect(await bad.json()).toMatchObject({
			error: {
				code: 'validation_failed',
				fields: { title: expect.any(String), 'items.0.unitPrice': expect.any(String) }
			}
		});
		const created = await request(hosts.dashboard, '/api/quotes', {
			cookie: staff,
			json: sampleQuote(DEMO.northwindId)
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: string };
		const sent = await request(hosts.dashboard, `/api/quotes/${id}/send`, { cookie: staff, method: 'POST' });
		expect(sent.status).toBe(200);
		const pdf = await request(hosts.dashboard, `/api/quotes/${id}/pdf`, { cookie: staff });
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename="Q-\d{4}\.pdf"/);
	});
});
