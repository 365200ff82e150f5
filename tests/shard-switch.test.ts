import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, memberships, sessions, totpFactors, workspaces } from '../db/schema';
import { SECOND_SHARD_DEMO as FJORD } from '../worker/dev/seed/ids';
import { sha256Hex } from '../worker/services/crypto';
import { hitRateLimits } from '../worker/domain/security/rate-limit';
import { listWorkspacesOnOtherShards, SWITCHES_PER_HOUR } from '../worker/domain/workspaces/switch-shard';
import { DEMO, hosts, request, sessionCookie, staffActor, testServices, withShardDown } from './helpers';

/**
 * Opening a workspace on another shard from the dashboard (worker/domain/workspaces/switch-shard.ts).
 * The demo data as npm start seeds it (`POST /dev/seed`, vitest.config.ts puts `fjord` on
 * DB_SHARD_2): Max (member@demo.test) is a member of Demo Studio on DB and of Fjord Digital on
 * DB_SHARD_2, with an account on each; Olivia (owner@demo.test) only of workspaces on DB.
 */
async function demoOnTwoShards() {
	const res = await request(hosts.dashboard, '/dev/seed', { method: 'POST' });
	expect(res.status).toBe(200);
	const main = testServices();
	const shard2 = testServices({ shard: FJORD.shard });
	const max = await sessionCookie(main, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
	return { main, shard2, max };
}

const sessionIdOf = (cookie: string) => sha256Hex(cookie.replace(/^cp_session=/, ''));

function openOnShard2(cookie: string, form: Record<string, string>) {
	return request(hosts.dashboard, '/workspaces?/open', { cookie, form });
}

describe('opening a workspace on another shard', () => {
	it('lists the workspaces on every shard on "Your workspaces", linked from the sidebar', async () => {
		const { max } = await demoOnTwoShards();
		const home = await request(hosts.dashboard, '/', { cookie: max, headers: { accept: 'text/html' } });
		expect(await home.text()).toContain('href="/workspaces">All your workspaces</a>');
		const page = await request(hosts.dashboard, '/workspaces', { cookie: max, headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Demo Studio');
		expect(html).toContain('Open now');
		expect(html).toContain('Fjord Digital');
		expect(html).toContain(`name="shard" value="${FJORD.shard}"`);
		expect(html).toContain(`name="workspaceId" value="${FJORD.workspaceId}"`);
	});

	it('signs them in there as their account on that shard, and out here', async () => {
		const { main, shard2, max } = await demoOnTwoShards();
		const res = await openOnShard2(max, { workspaceId: FJORD.workspaceId, shard: FJORD.shard });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
		const cookies = res.headers.getSetCookie();
		const cookie = cookies.find((c) => c.startsWith('cp_session='))!.split(';')[0]!;
		expect(cookie).toMatch(/\.DB_SHARD_2$/);
		// The next page reads a replica of shard 2: the browser gets its bookmark.
		expect(cookies.find((c) => c.startsWith('d1_bookmark='))).toMatch(/^d1_bookmark=DB_SHARD_2\./);

		const session = await shard2.db
			.select()
			.from(sessions)
			.where(eq(sessions.id, await sessionIdOf(cookie)))
			.get();
		expect(session).toMatchObject({
			userId: FJORD.maxUserId,
			workspaceId: FJORD.workspaceId,
			signInMethod: 'workspace_switch'
		});
		// Signed out here: the old session is revoked, and the old cookie opens nothing.
		const old = await main.db
			.select({ revokedAt: sessions.revokedAt })
			.from(sessions)
			.where(eq(sessions.id, await sessionIdOf(max)))
			.get();
		expect(old?.revokedAt).not.toBeNull();
		const stale = await request(hosts.dashboard, '/projects', { cookie: max, headers: { accept: 'text/html' } });
		expect(stale.headers.get('location')).toMatch(/^\/login/);
		expect(
			await shard2.db.$count(
				activity,
				and(eq(activity.workspaceId, FJORD.workspaceId), eq(activity.verb, 'auth.signed_in'))
			)
		).toBe(1);

		const projects = await request(hosts.dashboard, '/projects', { cookie, headers: { accept: 'text/html' } });
		expect(projects.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
		expect(await projects.text()).toContain('Online ordering');
		// And back: Demo Studio is now the other shard's.
		const back = await openOnShard2(cookie, { workspaceId: DEMO.workspaceId, shard: 'DB' });
		expect(back.status).toBe(303);
		expect(back.headers.getSetCookie().find((c) => c.startsWith('cp_session='))).not.toMatch(/\.DB_SHARD_2;/);
	});

	it('refuses a workspace they are not in, an unknown shard and their own shard, and keeps their session', async () => {
		const { main } = await demoOnTwoShards();
		const olivia = await sessionCookie(main, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const page = await request(hosts.dashboard, '/workspaces', { cookie: olivia, headers: { accept: 'text/html' } });
		expect(await page.text()).not.toContain('Fjord Digital');
		for (const form of [
			{ workspaceId: FJORD.workspaceId, shard: FJORD.shard },
			{ workspaceId: FJORD.workspaceId, shard: 'DB_SHARD_9' },
			{ workspaceId: DEMO.workspaceId, shard: 'DB' }
		]) {
			const res = await openOnShard2(olivia, form);
			expect(res.status, JSON.stringify(form)).toBe(404);
			expect(res.headers.getSetCookie().some((c) => c.startsWith('cp_session='))).toBe(false);
		}
		const missing = await openOnShard2(olivia, { workspaceId: '', shard: FJORD.shard });
		expect(missing.status).toBe(422);
		expect(await missing.text()).toContain('Choose a workspace.');
		const still = await request(hosts.dashboard, '/projects', { cookie: olivia, headers: { accept: 'text/html' } });
		expect(still.status).toBe(200);
	});

	it('neither lists nor opens an invitation not yet accepted, or a workspace there they are not in', async () => {
		const { shard2, max } = await demoOnTwoShards();
		const now = shard2.clock.now();
		await shard2.db.insert(workspaces).values([
			{ id: 'ws_fjord_labs', slug: 'fjord-labs', name: 'Fjord Labs', createdAt: now, updatedAt: now },
			{ id: 'ws_fjord_press', slug: 'fjord-press', name: 'Fjord Press', createdAt: now, updatedAt: now }
		]);
		// Invited to Fjord Labs (no acceptedAt); nothing at Fjord Press.
		await shard2.db.insert(memberships).values({
			id: 'mem_fjord_labs_max',
			workspaceId: 'ws_fjord_labs',
			userId: FJORD.maxUserId,
			role: 'member',
			createdAt: now
		});
		const page = await request(hosts.dashboard, '/workspaces', { cookie: max, headers: { accept: 'text/html' } });
		const html = await page.text();
		expect(html).toContain('Fjord Digital');
		expect(html).not.toContain('Fjord Labs');
		for (const workspaceId of ['ws_fjord_labs', 'ws_fjord_press']) {
			const res = await openOnShard2(max, { workspaceId, shard: FJORD.shard });
			expect(res.status, workspaceId).toBe(404);
		}
		const labs = await shard2.db.select().from(memberships).where(eq(memberships.id, 'mem_fjord_labs_max')).get();
		expect(labs?.acceptedAt).toBeNull();
	});

	it('refuses past the hourly limit of openings', async () => {
		const { main, max } = await demoOnTwoShards();
		const rule = { key: `shard-switch:user:${DEMO.memberUserId}`, limit: SWITCHES_PER_HOUR, windowMs: 3_600_000 };
		for (let i = 0; i < SWITCHES_PER_HOUR; i++) await hitRateLimits(main.db, [rule], main.clock.now());
		const res = await openOnShard2(max, { workspaceId: FJORD.workspaceId, shard: FJORD.shard });
		expect(res.status).toBe(429);
		expect(res.headers.getSetCookie().some((c) => c.startsWith('cp_session='))).toBe(false);
	});

	it('asks for a second factor when the workspace there requires one', async () => {
		const { shard2, max } = await demoOnTwoShards();
		await shard2.db.update(workspaces).set({ requireSecondFactor: true }).where(eq(workspaces.id, FJORD.workspaceId));
		const res = await openOnShard2(max, { workspaceId: FJORD.workspaceId, shard: FJORD.shard });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/auth/second-factor');
		const cookie = res.headers
			.getSetCookie()
			.find((c) => c.startsWith('cp_session='))!
			.split(';')[0]!;
		const page = await request(hosts.dashboard, '/projects', { cookie, headers: { accept: 'text/html' } });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/auth\/second-factor/);
		// Not signed in yet: the sign-in is recorded when the second step is done.
		expect(
			await shard2.db.$count(
				activity,
				and(eq(activity.workspaceId, FJORD.workspaceId), eq(activity.verb, 'auth.signed_in'))
			)
		).toBe(0);
	});

	it('asks for the second factor their account there already has, although the workspace does not require one', async () => {
		const { shard2, max } = await demoOnTwoShards();
		await shard2.db.insert(totpFactors).values({
			id: 'otp_fjord_max',
			userId: FJORD.maxUserId,
			secretEnc: 'sealed elsewhere',
			confirmedAt: shard2.clock.now(),
			createdAt: shard2.clock.now()
		});
		const res = await openOnShard2(max, { workspaceId: FJORD.workspaceId, shard: FJORD.shard });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/auth/second-factor');
		const [session] = await shard2.db.select().from(sessions).where(eq(sessions.userId, FJORD.maxUserId));
		expect(session?.mfaAt).toBeNull();
	});

	it('leaves a shard that does not answer out of the list, and still lists the rest', async () => {
		const { main } = await demoOnTwoShards();
		const actor = await staffActor(main, DEMO.workspaceId, DEMO.memberUserId);
		expect(await listWorkspacesOnOtherShards({ services: main, actor })).toEqual([
			expect.objectContaining({ shard: FJORD.shard, id: FJORD.workspaceId, name: 'Fjord Digital' })
		]);
		expect(await listWorkspacesOnOtherShards({ services: withShardDown(main, FJORD.shard), actor })).toEqual([]);
	});
});
