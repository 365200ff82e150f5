import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contractEvents, contracts, projects, quotes } from '../db/schema';
import {
	CONTRACTS,
	DEMO,
	QUOTES,
	emailsTo,
	eventually,
	hosts,
	request,
	seed,
	sessionCookie,
	testServices
} from './helpers';

describe('quote and contract pages', () => {
	it('the portal lists sent quotes, never drafts, and opening one counts a view', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const list = await (await request(hosts.demo, '/quotes', { cookie })).text();
		expect(list).toContain('SEO and analytics setup');
		expect(list).not.toContain('Newsletter templates');
		expect(list).not.toContain('Globex app phase 2');
		expect((await request(hosts.demo, `/quotes/${QUOTES.draft}`, { cookie })).status).toBe(404);
		expect((await request(hosts.demo, `/quotes/${QUOTES.globexSent}`, { cookie })).status).toBe(404);
		const page = await request(hosts.demo, `/quotes/${QUOTES.sent}`, { cookie });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Accept quote');
		const row = await services.db.select().from(quotes).where(eq(quotes.id, QUOTES.sent)).get();
		expect(row).toMatchObject({ status: 'viewed', viewCount: 1 });
	});

	it('accepting through the form creates the project, and a second post changes nothing', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const form = { intent: 'accept', version: '1', confirm: 'on' };
		const first = await request(hosts.demo, `/quotes/${QUOTES.sent}?/accept`, { cookie, form });
		expect(first.status).toBe(200);
		expect(await first.text()).toContain('You accepted this quote');
		const second = await request(hosts.demo, `/quotes/${QUOTES.sent}?/accept`, { cookie, form });
		expect(second.status).toBe(409);
		expect(await second.text()).toContain('already been accepted');
		expect(await services.db.select().from(projects).where(eq(projects.quoteId, QUOTES.sent))).toHaveLength(1);
		const views = (await services.db.select().from(quotes).where(eq(quotes.id, QUOTES.sent)).get())!.viewCount;
		expect(views).toBe(0); // re-rendering after a form post is not an open
		// The staff are emailed after the response.
		await eventually(async () =>
			expect((await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.subject.includes('accepted'))).toHaveLength(1)
		);
	});

	it('a form error keeps what the client typed', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request(hosts.demo, `/quotes/${QUOTES.sent}?/changes`, {
			cookie,
			form: { intent: 'changes', version: '1', body: 'x'.repeat(5001) }
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain('Keep it under 5,000 characters.');
		expect(html).toContain('x'.repeat(5001));
	});

	it('signing with a typed name through the form locks the contract and records the browser', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const contract = (await services.db.select().from(contracts).where(eq(contracts.id, CONTRACTS.sent)).get())!;
		const headers = { 'cf-connecting-ip': '203.0.113.5', 'user-agent': 'FormBrowser/1.0' };
		const page = await request(hosts.demo, `/contracts/${CONTRACTS.sent}`, { cookie, headers });
		expect(await page.text()).toContain(contract.documentHash!);
		const res = await request(hosts.demo, `/contracts/${CONTRACTS.sent}?/sign`, {
			cookie,
			headers,
			form: { method: 'typed', typedName: 'Casey Client', consent: 'on', documentHash: contract.documentHash! }
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('the contract is signed');
		const events = await services.db.select().from(contractEvents).where(eq(contractEvents.contractId, CONTRACTS.sent));
		expect(
			events.filter((e) => e.event === 'viewed' || e.event === 'signed').map((e) => [e.event, e.ip, e.userAgent])
		).toEqual([
			['viewed', '203.0.113.5', 'FormBrowser/1.0'],
			['signed', '203.0.113.5', 'FormBrowser/1.0']
		]);
		expect(
			(await services.db.select().from(contracts).where(eq(contracts.id, CONTRACTS.sent)).get())!.lockedAt
		).not.toBeNull();
	});

	it("another client's contract is a 404 page", async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.oscarContactId });
		const res = await request(hosts.demo, `/contracts/${CONTRACTS.signed}`, { cookie });
		expect(res.status).toBe(404);
		expect(await res.text()).not.toContain('Website redesign agreement');
	});

	it('the staff pages render for staff and send others to the login page', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (const path of [
			'/quotes',
			`/quotes/${QUOTES.changesRequested}`,
			`/quotes/${QUOTES.draft}/edit`,
			'/quotes/new',
			'/contracts',
			`/contracts/${CONTRACTS.signed}`,
			`/contracts/${CONTRACTS.draft}/edit`,
			'/contracts/new?template=tpl_demo_services',
			'/contracts/templates',
			`/contracts/templates/${CONTRACTS.ndaTemplate}`,
			`/clients/${DEMO.northwindId}/quotes`,
			`/clients/${DEMO.northwindId}/contracts`
		]) {
			expect((await request(hosts.dashboard, path, { cookie })).status, path).toBe(200);
		}
		const detail = await (await request(hosts.dashboard, `/quotes/${QUOTES.viewed}`, { cookie })).text();
		expect(detail).toContain('3 times, first');
		expect((await request(hosts.dashboard, '/quotes')).status).toBe(303);
		// An accepted quote cannot be edited: the edit page sends you back.
		expect(
			(await request(hosts.dashboard, `/quotes/${QUOTES.accepted}/edit`, { cookie })).headers.get('location')
		).toBe(`/quotes/${QUOTES.accepted}`);
	});
});
