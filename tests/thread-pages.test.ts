import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages } from '../db/schema';
import { THREADS } from '../worker/dev/seed/ids';
import { postMessage } from '../worker/domain/threads/post-message';
import { DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from './helpers';

const portalThread = (threadId: string, project: string = DEMO.websiteProjectId) =>
	`/projects/${project}/messages/${threadId}`;
const staffThread = (threadId: string, project: string = DEMO.websiteProjectId) =>
	`/projects/${project}/threads/${threadId}`;

async function setup() {
	const services = await seed(testServices());
	return {
		services,
		...(await scopes(services)),
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
		oscar: await sessionCookie(services, { contactId: DEMO.oscarContactId }),
		staff: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
	};
}

describe('thread pages', () => {
	it('renders a message body as inert text with only http(s) links, marked noopener noreferrer nofollow', async () => {
		const c = await setup();
		const body =
			'<script>alert("x")</script> <img src=x onerror=alert(1)> javascript:alert(1) see https://example.com/a?b=1&c=2 "quoted"';
		await postMessage({ ...c.demoOwner, threadId: THREADS.designId, input: { body } });
		for (const [host, path, cookie] of [
			[hosts.demo, portalThread(THREADS.designId), c.casey],
			[hosts.dashboard, staffThread(THREADS.designId), c.staff]
		] as const) {
			const html = await (await request(host, path, { cookie, headers: { accept: 'text/html' } })).text();
			expect(html).not.toContain('<script>alert');
			expect(html).not.toContain('<img src=x');
			expect(html).toContain('&lt;script>alert("x")&lt;/script>');
			expect(html).toContain('&lt;img src=x onerror=alert(1)>');
			expect(html).toContain(
				'<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">https://example.com/a?b=1&amp;c=2</a>'
			);
			expect(html).not.toMatch(/href="javascript:/);
		}
	});

	it('never puts an internal note in the client’s page, but shows it to staff', async () => {
		const c = await setup();
		const portal = await (await request(hosts.demo, portalThread(THREADS.designId), { cookie: c.casey })).text();
		expect(portal).toContain('Perfect, thank you!');
		expect(portal).not.toContain('re-licensing the photo');
		expect(portal).not.toContain('Internal note');
		expect(portal).not.toContain(THREADS.designInternalNoteId);
		const dashboard = await (await request(hosts.dashboard, staffThread(THREADS.designId), { cookie: c.staff })).text();
		expect(dashboard).toContain('re-licensing the photo');
		// Nor is the staff-only thread listed or reachable on the portal.
		const list = await (
			await request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages`, { cookie: c.casey })
		).text();
		expect(list).toContain('Design feedback');
		expect(list).not.toContain('Scope and pricing');
		expect((await request(hosts.demo, portalThread(THREADS.pricingInternalId), { cookie: c.casey })).status).toBe(404);
	});

	it('shows unread counts on the lists', async () => {
		const c = await setup();
		const portal = await (
			await request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages`, { cookie: c.casey })
		).text();
		expect(portal).toMatch(/Design feedback[\s\S]*?1 unread/);
		const dashboard = await (
			await request(hosts.dashboard, `/projects/${DEMO.websiteProjectId}/threads`, { cookie: c.staff })
		).text();
		expect(dashboard).toMatch(/Content review[\s\S]*?1 unread/);
	});

	it('posts a reply with a plain form (no JavaScript) through the thread room, and a resubmitted form once', async () => {
		const c = await setup();
		const form = { body: 'Replying without JavaScript', clientMsgId: 'nojs-form-0001' };
		const res = await request(hosts.demo, `${portalThread(THREADS.designId)}?/post`, { form, cookie: c.casey });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`${portalThread(THREADS.designId)}#m-7`);
		const again = await request(hosts.demo, `${portalThread(THREADS.designId)}?/post`, { form, cookie: c.casey });
		expect(again.headers.get('location')).toBe(`${portalThread(THREADS.designId)}#m-7`);
		const rows = await c.services.db
			.select()
			.from(messages)
			.where(and(eq(messages.threadId, THREADS.designId), eq(messages.clientMsgId, 'nojs-form-0001')));
		expect(rows.map((r) => [r.seq, r.authorName])).toEqual([[7, 'Casey Client']]);
		const page = await (await request(hosts.demo, portalThread(THREADS.designId), { cookie: c.casey })).text();
		expect(page).toContain('Replying without JavaScript');
	});

	it('keeps what was typed and says what is wrong when a form post is refused', async () => {
		const c = await setup();
		const long = 'z'.repeat(5001);
		const res = await request(hosts.demo, `${portalThread(THREADS.designId)}?/post`, {
			form: { body: long },
			cookie: c.casey
		});
		expect(res.status).toBe(422);
		const html = await res.text();
		expect(html).toContain('id="message-body-error"');
		expect(html).toContain('at most 5,000 characters; this one has 5,001');
		expect(html).toContain(`>${long}</textarea>`);
		const create = await request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages?/create`, {
			form: { title: '', body: 'keep me' },
			cookie: c.casey
		});
		expect(create.status).toBe(422);
		const createHtml = await create.text();
		expect(createHtml).toContain('Give the thread a title.');
		expect(createHtml).toContain('>keep me</textarea>');
	});

	it('starts a thread from the portal form and lands on it', async () => {
		const c = await setup();
		const res = await request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages?/create`, {
			form: { title: 'Invoices question', body: 'Who should we send POs to?' },
			cookie: c.casey
		});
		expect(res.status).toBe(303);
		const location = res.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^/projects/${DEMO.websiteProjectId}/messages/thr_\\w+$`));
		const page = await (await request(hosts.demo, location, { cookie: c.casey })).text();
		expect(page).toContain('Invoices question');
		expect(page).toContain('Who should we send POs to?');
	});

	it("answers 404 for another client's thread, a thread under the wrong project, and another workspace's thread", async () => {
		const c = await setup();
		expect(
			(await request(hosts.demo, portalThread(THREADS.globexId, DEMO.globexProjectId), { cookie: c.casey })).status
		).toBe(404);
		expect((await request(hosts.demo, portalThread(THREADS.designId), { cookie: c.oscar })).status).toBe(404);
		expect(
			(await request(hosts.demo, portalThread(THREADS.designId, DEMO.brandProjectId), { cookie: c.casey })).status
		).toBe(404);
		expect((await request(hosts.dashboard, staffThread(THREADS.acmeId), { cookie: c.staff })).status).toBe(404);
		const post = await request(hosts.demo, `${portalThread(THREADS.globexId, DEMO.globexProjectId)}?/post`, {
			form: { body: 'let me in' },
			cookie: c.casey
		});
		expect([403, 404]).toContain(post.status);
		expect(await c.services.db.select().from(messages).where(eq(messages.body, 'let me in'))).toEqual([]);
	});
});
