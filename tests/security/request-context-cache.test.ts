import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, workspaces } from '../../db/schema';
import { loadRequestContext } from '../../worker/domain/workspaces/load-request-context';
import { newSessionInsert } from '../../worker/domain/auth/sessions';
import { clearContextCache, contextCache, contextEpoch, CONTEXT_CACHE_TTL_MS, writesContext } from '../../worker/services/context-cache';
import { ACME, DEMO, fixedClock, hosts, request, seed, sessionCookie, testServices } from '../helpers';

// The workspace of a host and the session of a cookie are cached per isolate for
// CONTEXT_CACHE_TTL_MS (worker/services/context-cache.ts). These tests hold it to its
// promises: a hit saves the round trip; sign-out, revocation and branding take effect at
// once in the isolate that made the change (tests run in one isolate) and within the TTL
// elsewhere; one tenant's cached rows never answer for another.

const roundTrips = (res: Response) => Number(res.headers.get('x-d1-round-trips'));

async function setup() {
	const services = await seed(testServices());
	return {
		services,
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
		owner: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }),
		member: await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId })
	};
}

describe('request context cache', () => {
	it('answers a repeated request without the D1 round trip for workspace and session', async () => {
		const { casey, owner } = await setup();
		const first = await request(hosts.demo, '/api/auth/me', { cookie: casey });
		expect(first.status).toBe(200);
		expect(roundTrips(first)).toBe(1);
		const again = await request(hosts.demo, '/api/auth/me', { cookie: casey });
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ actor: { kind: 'client', email: DEMO.caseyEmail }, workspace: { slug: DEMO.slug } });
		expect(roundTrips(again)).toBe(0);

		expect(roundTrips(await request(hosts.dashboard, '/api/auth/me', { cookie: owner }))).toBe(1);
		const staff = await request(hosts.dashboard, '/api/auth/me', { cookie: owner });
		expect(await staff.json()).toMatchObject({ actor: { kind: 'staff', email: DEMO.ownerEmail } });
		expect(roundTrips(staff)).toBe(0);
	});

	it('signing out ends a cached session at once, through the API and the page', async () => {
		const { services, casey } = await setup();
		for (let i = 0; i < 2; i++) expect((await request(hosts.demo, '/api/auth/me', { cookie: casey })).status).toBe(200);
		expect((await request(hosts.demo, '/api/auth/logout', { method: 'POST', cookie: casey })).status).toBe(200);
		expect((await request(hosts.demo, '/api/auth/me', { cookie: casey })).status).toBe(401);

		const again = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		for (let i = 0; i < 2; i++) expect((await request(hosts.demo, '/invoices', { cookie: again })).status).toBe(200);
		expect((await request(hosts.demo, '/logout', { method: 'POST', cookie: again, form: {} })).status).toBe(303);
		const after = await request(hosts.demo, '/invoices', { cookie: again });
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toContain('/login');
	});

	it('archiving a contact, removing a member and changing a role take effect on their next request', async () => {
		const { casey, owner, member } = await setup();
		expect((await request(hosts.demo, '/api/auth/me', { cookie: casey })).status).toBe(200);
		expect((await request(hosts.dashboard, '/api/settings/workspace', { cookie: member })).status).toBe(200);

		const archive = await request(hosts.dashboard, `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/archive`, { method: 'POST', cookie: owner });
		expect(archive.status).toBe(200);
		expect((await request(hosts.demo, '/api/auth/me', { cookie: casey })).status).toBe(401);

		const membership = await env.DB.prepare('select id from memberships where user_id = ? and workspace_id = ?').bind(DEMO.memberUserId, DEMO.workspaceId).first<{ id: string }>();
		// An owner-only route answers the member while they are one, once promoted...
		expect((await request(hosts.dashboard, '/api/settings/team', { method: 'POST', cookie: member, json: { email: 'x@demo.test', name: 'X', role: 'member' } })).status).toBe(403);
		const promote = await request(hosts.dashboard, `/api/settings/team/${membership!.id}`, { method: 'PATCH', cookie: owner, json: { role: 'owner' } });
		expect(promote.status).toBe(200);
		expect((await request(hosts.dashboard, '/api/settings/team', { method: 'POST', cookie: member, json: { email: 'x@demo.test', name: 'X', role: 'member' } })).status).toBe(201);
		const demote = await request(hosts.dashboard, `/api/settings/team/${membership!.id}`, { method: 'PATCH', cookie: owner, json: { role: 'member' } });
		expect(demote.status).toBe(200);
		expect((await request(hosts.dashboard, '/api/settings/team', { method: 'POST', cookie: member, json: { email: 'y@demo.test', name: 'Y', role: 'member' } })).status).toBe(403);

		const removal = await request(hosts.dashboard, `/api/settings/team/${membership!.id}`, { method: 'DELETE', cookie: owner });
		expect(removal.status).toBe(200);
		expect((await request(hosts.dashboard, '/api/settings/workspace', { cookie: member })).status).toBe(401);
	});

	it('shows new branding on the next page', async () => {
		const { casey, owner } = await setup();
		for (let i = 0; i < 2; i++) expect(await (await request(hosts.demo, '/', { cookie: casey })).text()).not.toContain('Freshly Renamed Studio');
		const res = await request(hosts.dashboard, '/api/settings/branding', {
			method: 'PUT',
			cookie: owner,
			json: { displayName: 'Freshly Renamed Studio', brandColor: '#123456', accentColor: '#654321' }
		});
		expect(res.status).toBe(200);
		const page = await (await request(hosts.demo, '/', { cookie: casey })).text();
		expect(page).toContain('Freshly Renamed Studio');
		expect(page).toContain('#123456');
	});

	it('never lets a cached session or workspace answer for another workspace or host', async () => {
		const { services, casey } = await setup();
		// ACME's custom domain spelled like DEMO's slug: the two hosts must not share a cache entry.
		await services.db.update(workspaces).set({ customDomain: 'demo' }).where(eq(workspaces.id, ACME.workspaceId));
		for (let i = 0; i < 2; i++) expect((await (await request(hosts.demo, '/api/auth/me', { cookie: casey })).json()) as object).toMatchObject({ workspace: { slug: DEMO.slug } });
		// Casey's session, cached on DEMO's portal, is nobody on ACME's.
		expect((await request(hosts.acme, '/api/auth/me', { cookie: casey })).status).toBe(401);
		const onCustomDomain = await request('demo:8787', '/api/auth/me', { cookie: casey });
		expect(onCustomDomain.status).toBe(401);
		const acmeClient = await sessionCookie(services, { contactId: ACME.clientContactId });
		expect(await (await request('demo:8787', '/api/auth/me', { cookie: acmeClient })).json()).toMatchObject({ workspace: { slug: ACME.slug } });
		expect(await (await request(hosts.demo, '/api/auth/me', { cookie: casey })).json()).toMatchObject({ workspace: { slug: DEMO.slug } });
	});
});

describe('request context cache: the bound on other isolates', () => {
	// Another isolate's write does not pass through this isolate's D1 binding; a raw write
	// on env.DB stands in for it. What this isolate cached stays until the TTL, never longer.
	it('serves what it read for at most the TTL after a change made elsewhere', async () => {
		const { services, casey } = await setup();
		const clock = fixedClock();
		const at = testServices({ clock });
		const token = casey.split('=')[1];
		const load = () => loadRequestContext({ services: at, host: { side: 'portal', slug: DEMO.slug }, sessionCookie: token, ip: null });
		expect((await load()).actor.kind).toBe('client');

		await env.DB.prepare("update sessions set revoked_at = ? where kind = 'client' and contact_id = ?").bind(clock.now(), DEMO.caseyContactId).run();
		await env.DB.prepare('update workspaces set name = ? where id = ?').bind('Renamed Elsewhere', DEMO.workspaceId).run();
		clock.advance(CONTEXT_CACHE_TTL_MS - 1);
		const cached = await load();
		expect(cached.actor.kind).toBe('client');
		expect(cached.workspace?.name).not.toBe('Renamed Elsewhere');

		clock.advance(1);
		const fresh = await load();
		expect(fresh.actor.kind).toBe('anonymous');
		expect(fresh.workspace?.name).toBe('Renamed Elsewhere');
		void services;
	});

	it('stops a cached session at its expiry, within the TTL', async () => {
		const { services } = await setup();
		const clock = fixedClock();
		const at = testServices({ clock });
		const session = await newSessionInsert(at, { kind: 'client', workspaceId: DEMO.workspaceId, contactId: DEMO.caseyContactId, clientId: DEMO.northwindId });
		await session.insert;
		await env.DB.prepare('update sessions set expires_at = ? where expires_at = ?').bind(clock.now() + 1000, session.expiresAt).run();
		clearContextCache();
		const load = () => loadRequestContext({ services: at, host: { side: 'portal', slug: DEMO.slug }, sessionCookie: session.token, ip: null });
		expect((await load()).actor.kind).toBe('client');
		clock.advance(1000);
		expect((await load()).actor.kind).toBe('anonymous');
		void services;
	});
});

describe('request context cache: mechanics', () => {
	it('does not keep what a lookup read while a write was under way', () => {
		const cache = contextCache<{ name: string }>('test');
		const epoch = contextEpoch();
		clearContextCache(); // a write to a context table completed meanwhile
		cache.set('k', { name: 'read before the write' }, 0, epoch);
		expect(cache.get('k', 0)).toBeUndefined();
		cache.set('k', { name: 'read after' }, 0, contextEpoch());
		expect(cache.get('k', 0)).toEqual({ name: 'read after' });
		expect(() => {
			(cache.get('k', 0) as { name: string }).name = 'changed by a request';
		}).toThrow();
	});

	it('empties on a write to a context table through the services, not on other writes', async () => {
		const { services, casey } = await setup();
		expect(roundTrips(await request(hosts.demo, '/api/auth/me', { cookie: casey }))).toBe(1);
		expect(roundTrips(await request(hosts.demo, '/api/auth/me', { cookie: casey }))).toBe(0);
		await services.db.update(memberships).set({ role: 'owner' }).where(and(eq(memberships.userId, DEMO.ownerUserId), eq(memberships.workspaceId, DEMO.workspaceId)));
		expect(roundTrips(await request(hosts.demo, '/api/auth/me', { cookie: casey }))).toBe(1);
		await services.db.$client.prepare("insert into rate_limits (key, window_start, count) values ('x', 0, 1)").run();
		expect(roundTrips(await request(hosts.demo, '/api/auth/me', { cookie: casey }))).toBe(0);
	});

	it('recognises the writes drizzle and raw SQL make to the context tables', () => {
		expect(writesContext('update "sessions" set "revoked_at" = ? where "sessions"."id" = ?')).toBe(true);
		expect(writesContext('insert into "client_contacts" ("id") values (?)')).toBe(true);
		expect(writesContext('delete from "memberships" where "id" = ?')).toBe(true);
		expect(writesContext('UPDATE workspaces SET name = ?')).toBe(true);
		expect(writesContext('select * from "workspaces"')).toBe(false);
		expect(writesContext('insert into "invoices" ("workspace_id", "client_id") values (?, ?)')).toBe(false);
		expect(writesContext('INSERT INTO rate_limits (key) VALUES (?1)')).toBe(false);
	});
});
