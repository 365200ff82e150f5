import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { projects, workspaces } from '../../../db/schema';
import { eventually, hosts, linkIn, request, sessionCookie, testServices } from '../../../tests/helpers';
import { DEMO, SECOND_SHARD_DEMO as FJORD } from './ids';

/**
 * The demo's second shard: `POST /dev/seed` (npm start, the browser tests) puts Fjord Digital on
 * the shard the directory names for it (vitest.config.ts, like npm start: DB_SHARD_2), and the
 * demo's other workspaces on DB; its portal, its staff sign-in and the dev outbox work there.
 */
const fjord = 'fjord.localhost:8787';

async function seedThroughRoute() {
	const res = await request(hosts.dashboard, '/dev/seed', { method: 'POST' });
	expect(res.status).toBe(200);
	return (await res.json()) as { seeded: boolean };
}

async function workspaceIds(shard: string) {
	const rows = await testServices({ shard }).db.select({ id: workspaces.id }).from(workspaces);
	return rows.map((r) => r.id);
}

describe('the demo data on two shards', () => {
	it('puts Fjord Digital on DB_SHARD_2 and the other demo workspaces on DB, once', async () => {
		expect(await seedThroughRoute()).toEqual({ seeded: true });
		expect(await workspaceIds('DB_SHARD_2')).toEqual([FJORD.workspaceId]);
		const onDefault = await workspaceIds('DB');
		expect(onDefault).toContain(DEMO.workspaceId);
		expect(onDefault).not.toContain(FJORD.workspaceId);

		expect(await seedThroughRoute()).toEqual({ seeded: false });
		expect(await workspaceIds('DB_SHARD_2')).toEqual([FJORD.workspaceId]);
	});

	it('seeds the same whichever host or shard the request came on', async () => {
		const res = await request(fjord, '/dev/seed', { method: 'POST' });
		expect(await res.json()).toEqual({ seeded: true });
		expect(await workspaceIds('DB_SHARD_2')).toEqual([FJORD.workspaceId]);
		expect(await workspaceIds('DB')).toContain(DEMO.workspaceId);
	});

	it('asks another shard without moving the request: only d1Session.follow does', async () => {
		const services = testServices();
		services.onShard(FJORD.shard);
		expect(services.d1Session.shard()).toBe('DB');
		services.d1Session.follow(FJORD.shard);
		expect(services.d1Session.shard()).toBe(FJORD.shard);
	});

	it("serves Fjord's portal from DB_SHARD_2 to its client", async () => {
		await seedThroughRoute();
		const cookie = await sessionCookie(testServices({ shard: FJORD.shard }), { contactId: FJORD.contactId });
		const res = await request(fjord, `/projects/${FJORD.projectId}`, {
			cookie,
			headers: { accept: 'text/html' }
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
		const html = await res.text();
		expect(html).toContain('Online ordering');
		expect(html).toContain('Pick-up time slots');
	});

	it("signs Fjord's owner in on the dashboard, with the email in the dev outbox", async () => {
		await seedThroughRoute();
		await request(hosts.dashboard, '/login', { form: { email: FJORD.ownerEmail } });
		// The outbox page reads every shard: the email is logged on DB_SHARD_2.
		const [mail] = await eventually(async () => {
			const res = await request(hosts.dashboard, `/dev/outbox.json?to=${encodeURIComponent(FJORD.ownerEmail)}`);
			const list = (await res.json()) as { text: string }[];
			expect(list).toHaveLength(1);
			return list;
		});
		const url = new URL(linkIn(mail!.text));
		const verify = await request(hosts.dashboard, url.pathname + url.search, { method: 'POST', form: {} });
		expect(verify.status).toBe(303);
		const cookie = /cp_session=([^;]+)/.exec(verify.headers.get('set-cookie') ?? '')?.[1];
		const page = await request(hosts.dashboard, '/projects', {
			cookie: `cp_session=${cookie}`,
			headers: { accept: 'text/html' }
		});
		expect(page.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
		expect(await page.text()).toContain('Online ordering');
		const onDefault = await testServices().db.select().from(projects).where(eq(projects.id, FJORD.projectId));
		expect(onDefault).toEqual([]);
	});
});
