import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { leads, messages, projects, quotes, workspaces } from '../db/schema';
import { QUOTES, SETTINGS_DEMO, THREADS } from '../worker/dev/seed/ids';
import { runScheduled, scheduledServices } from '../worker/scheduled';
import { DEMO, hosts, inDays, request, seed, sessionCookie, testServices } from './helpers';

/**
 * The shard seam (worker/services/shards.ts): the database handle comes from the workspace's
 * host through the directory, not from one global binding. vitest.config.ts puts the portal
 * `north` on DB_SHARD_2; here the demo data is seeded into both shards, and on DB_SHARD_2 the
 * demo workspace becomes `north` with a project renamed, so each shard's answer is recognisable.
 */
const north = 'north.localhost:8787';

async function twoShards() {
	const main = await seed(testServices());
	const shard2 = await seed(testServices({ shard: 'DB_SHARD_2' }));
	await shard2.db.update(workspaces).set({ slug: 'north' }).where(eq(workspaces.id, DEMO.workspaceId));
	await shard2.db.update(projects).set({ name: 'Northern lights site' }).where(eq(projects.id, DEMO.websiteProjectId));
	// Casey's session exists on shard 2 only.
	const casey = await sessionCookie(shard2, { contactId: DEMO.caseyContactId });
	return { main, shard2, casey };
}

describe('shards: a workspace on DB_SHARD_2', () => {
	it('serves its portal pages and API from its shard', async () => {
		const { casey } = await twoShards();
		const page = await request(north, '/', { cookie: casey, headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		expect(page.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
		const html = await page.text();
		expect(html).toContain('Northern lights site');
		const api = await request(north, '/api/projects', { cookie: casey });
		expect(api.status).toBe(200);
		expect(JSON.stringify(await api.json())).toContain('Northern lights site');
		// The same session on a workspace of the default shard means nothing: it is not there.
		const elsewhere = await request(hosts.demo, '/api/projects', { cookie: casey });
		expect(elsewhere.headers.get('x-d1-shard')).toBe('DB');
		expect(elsewhere.status).toBe(401);
	});

	it('writes only to its shard: a form, and a message through the thread room', async () => {
		const { main, shard2, casey } = await twoShards();
		const form = await request(north, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
			form: { name: 'Nora North', email: 'nora@example.com', f_service: 'Website', f_brief: 'A site', website: '' }
		});
		expect(form.status).toBeLessThan(400);
		expect(await shard2.db.select().from(leads).where(eq(leads.email, 'nora@example.com'))).toHaveLength(1);
		expect(await main.db.select().from(leads).where(eq(leads.email, 'nora@example.com'))).toHaveLength(0);

		const post = await request(north, `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}?/post`, {
			form: { body: 'Posted on shard two', clientMsgId: 'shard-two-0001' },
			cookie: casey
		});
		expect(post.status).toBe(303);
		expect(await shard2.db.select().from(messages).where(eq(messages.body, 'Posted on shard two'))).toHaveLength(1);
		expect(await main.db.select().from(messages).where(eq(messages.body, 'Posted on shard two'))).toHaveLength(0);
		// The room's write is in the poster's bookmark too, so their next read (on a replica) shows it.
		expect(post.headers.getSetCookie().some((c) => c.startsWith('d1_bookmark='))).toBe(true);
		const thread = await request(north, `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`, {
			cookie: casey,
			headers: { accept: 'text/html' }
		});
		expect(await thread.text()).toContain('Posted on shard two');
	});

	it('takes its Paystack webhooks on its shard (the workspace is in the path, on the dashboard host)', async () => {
		await twoShards();
		const deliver = (slug: string) =>
			request(hosts.dashboard, `/webhooks/paystack/${slug}`, {
				method: 'POST',
				body: '{}',
				headers: { 'content-type': 'application/json', 'x-paystack-signature': 'bad' }
			});
		const north = await deliver('north');
		expect(north.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
		// Found there (refused for its signature, as demo's is on DB), not an unknown workspace.
		const demo = await deliver(DEMO.slug);
		expect(demo.headers.get('x-d1-shard')).toBe('DB');
		expect(north.status).toBe(demo.status);
		expect((await deliver('nowhere')).status).not.toBe(demo.status);
	});

	it('keeps the default shard for every other workspace', async () => {
		const { main } = await twoShards();
		const staff = await sessionCookie(main, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const res = await request(hosts.dashboard, '/projects', { cookie: staff, headers: { accept: 'text/html' } });
		expect(res.headers.get('x-d1-shard')).toBe('DB');
		const html = await res.text();
		expect(html).toContain('Website redesign');
		expect(html).not.toContain('Northern lights site');
	});

	it('runs the cron on every shard', async () => {
		const { main, shard2 } = await twoShards();
		expect(scheduledServices(env, { waitUntil: () => {} }).map((s) => s.shard)).toEqual(['DB', 'DB_SHARD_2']);
		for (const services of [main, shard2])
			await services.db
				.update(quotes)
				.set({ expiresOn: inDays(-2) })
				.where(eq(quotes.id, QUOTES.sent));
		await runScheduled(env, { waitUntil: () => {} }, 0);
		for (const services of [main, shard2]) {
			const quote = await services.db
				.select({ status: quotes.status })
				.from(quotes)
				.where(eq(quotes.id, QUOTES.sent))
				.get();
			expect(quote?.status, services.shard).toBe('expired');
		}
	});
});
