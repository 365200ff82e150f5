import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	activity,
	leads,
	loginTokenUses,
	messages,
	passkeys,
	projects,
	quotes,
	rateLimits,
	sessions,
	users,
	webauthnChallenges,
	workspaces
} from '../db/schema';
import { QUOTES, SETTINGS_DEMO, THREADS } from '../worker/dev/seed/ids';
import { runScheduled, scheduledServices } from '../worker/scheduled';
import { finishPasskeySignIn, startPasskeySignIn } from '../worker/domain/auth/passkey-sign-in';
import { limitIp } from '../worker/domain/auth/request-login-link';
import { consumeSignupLink } from '../worker/domain/workspaces/confirm-signup';
import { requestSignup } from '../worker/domain/workspaces/request-signup';
import { storeChallenge } from '../worker/domain/factors/webauthn-challenges';
import { sha256Hex } from '../worker/services/crypto';
import { checkCustomDomain } from '../worker/domain/custom-domains/check-custom-domain';
import { connectCustomDomain } from '../worker/domain/custom-domains/connect-custom-domain';
import { getCustomDomain } from '../worker/domain/custom-domains/get-custom-domain';
import fixture from './fixtures/webauthn.json';
import { insertRecordedPasskey } from './fixtures/recorded-passkey';
import {
	DEMO,
	emailsTo,
	eventually,
	hosts,
	inDays,
	linkIn,
	request,
	scopes,
	seed,
	sessionCookie,
	testServices
} from './helpers';

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

/** North's owner has an address of their own on shard 2 (the seed gives both shards the demo's people). */
const NORTH_OWNER = 'olive@north.test';

async function northOwner() {
	const shards = await twoShards();
	await shards.shard2.db.update(users).set({ email: NORTH_OWNER }).where(eq(users.id, DEMO.ownerUserId));
	return shards;
}

/** The dashboard's projects page with a session cookie value: which shard served it, and what it shows. */
async function dashboardProjects(cookieValue: string) {
	const res = await request(hosts.dashboard, '/projects', {
		cookie: `cp_session=${cookieValue}`,
		headers: { accept: 'text/html' }
	});
	return { status: res.status, shard: res.headers.get('x-d1-shard'), html: await res.text() };
}

/**
 * The recorded passkey assertion, on the dashboard: its challenge is the default shard's, where
 * sign-in starts. With the shard whose bookmark the request's cookie would carry.
 */
/** The finish of a passkey sign-in whose start stored the recorded challenge on `main` (DB); `services`: the finishing request's. */
async function signInWithRecordedPasskey(main: ReturnType<typeof testServices>, services = testServices()) {
	const assertion = fixture.cases.assertion1;
	await storeChallenge(main, assertion.challenge, { purpose: 'sign_in', userId: null, sessionId: null });
	const result = await finishPasskeySignIn({
		services,
		input: { response: assertion.response },
		ip: null,
		userAgent: null
	});
	return { ...result, bookmarkShard: services.d1Session.shard() };
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

	it.each([
		['paystack', 'x-paystack-signature'],
		['stripe', 'stripe-signature']
	])(
		'takes its %s webhooks on its shard (the workspace is in the path, on the dashboard host)',
		async (provider, signatureHeader) => {
			await twoShards();
			const deliver = (slug: string) =>
				request(hosts.dashboard, `/webhooks/${provider}/${slug}`, {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json', [signatureHeader]: 'bad' }
				});
			const north = await deliver('north');
			expect(north.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
			// Found there (refused for its signature, as demo's is on DB), not an unknown workspace.
			const demo = await deliver(DEMO.slug);
			expect(demo.headers.get('x-d1-shard')).toBe('DB');
			expect(north.status).toBe(demo.status);
			expect((await deliver('nowhere')).status).not.toBe(demo.status);
		}
	);

	it('connects a custom domain only where the directory sends it, so a live domain always finds its portal', async () => {
		const { main, shard2 } = await twoShards();
		const northOwner = (await scopes(shard2)).demoOwner;
		const portalOf = async (domain: string) =>
			request(`${domain}:${hosts.demo.split(':')[1]}`, '/login', { headers: { accept: 'text/html' } });
		const domainOf = async (services: typeof main) =>
			(await services.db.select().from(workspaces).where(eq(workspaces.id, DEMO.workspaceId)).get())!;

		// Not listed: its requests would go to DB and find no portal, so the owner is told, next to the field.
		await expect(
			connectCustomDomain({ ...northOwner, input: { hostname: 'portal.unlisted.localhost' } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { hostname: expect.stringMatching(/write to us/) } });
		expect((await domainOf(shard2)).customDomain).toBeNull();

		// Listed for DB_SHARD_2: connected, verified, and served from there.
		await connectCustomDomain({ ...northOwner, input: { hostname: 'portal.north.localhost' } });
		expect(await checkCustomDomain(northOwner)).toMatchObject({ status: 'active' });
		const live = await portalOf('portal.north.localhost');
		expect(live.status).toBe(200);
		expect(live.headers.get('x-d1-shard')).toBe('DB_SHARD_2');
		expect(shard2.urls.portal(await domainOf(shard2), '/x')).toBe('http://portal.north.localhost:8787/x');

		// A workspace on DB cannot claim it: it is another shard's.
		await expect(
			connectCustomDomain({ ...(await scopes(main)).demoOwner, input: { hostname: 'portal.north.localhost' } })
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { hostname: expect.stringMatching(/another workspace/) }
		});
		expect((await domainOf(main)).customDomain).toBeNull();

		// A domain claimed before this check (or by hand) stays pending, and says why, instead of going live.
		await shard2.db
			.update(workspaces)
			.set({ customDomain: 'portal.stray.localhost', customDomainStatus: 'pending' })
			.where(eq(workspaces.id, DEMO.workspaceId));
		const stray = await checkCustomDomain(northOwner);
		expect(stray).toMatchObject({ status: 'pending', errors: [expect.stringMatching(/not routed/)] });
		expect((await domainOf(shard2)).customDomainStatus).toBe('pending');
		expect((await portalOf('portal.stray.localhost')).status).toBe(404);
		// Live from before the check, or dropped from the directory since: links use the slug host, and settings say why.
		await shard2.db.update(workspaces).set({ customDomainStatus: 'active' }).where(eq(workspaces.id, DEMO.workspaceId));
		expect(shard2.urls.portal(await domainOf(shard2), '/x')).toBe('http://north.localhost:8787/x');
		expect((await getCustomDomain(northOwner)).domain).toMatchObject({ routed: false, url: null });
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

	it("signs its staff in with an email link on the dashboard's one host, and their dashboard runs on their shard", async () => {
		const { main, shard2 } = await northOwner();
		const login = await request(hosts.dashboard, '/login', { form: { email: NORTH_OWNER } });
		expect(login.status).toBe(200);
		// Found on shard 2 (default shard first, staff-shard.ts): the email is logged there.
		const [mail] = await eventually(async () => {
			const list = await emailsTo(shard2, NORTH_OWNER);
			expect(list).toHaveLength(1);
			return list;
		});
		expect(await emailsTo(main, NORTH_OWNER)).toEqual([]);
		const url = new URL(linkIn(mail!.text));
		const token = url.searchParams.get('token')!;
		expect(await main.tokens.getLoginToken(await sha256Hex(token))).toMatchObject({
			kind: 'staff',
			shard: 'DB_SHARD_2'
		});

		const confirm = await request(hosts.dashboard, url.pathname + url.search, { headers: { accept: 'text/html' } });
		expect(await confirm.text()).toContain('Continue and sign in');
		const verify = await request(hosts.dashboard, url.pathname + url.search, { method: 'POST', form: {} });
		expect(verify.status).toBe(303);
		const cookie = /cp_session=([^;]+)/.exec(verify.headers.get('set-cookie') ?? '')?.[1];
		expect(cookie).toMatch(/\.DB_SHARD_2$/);
		// With shard 2's bookmark, so the next page (on a replica of shard 2) reads the new session.
		const bookmark = verify.headers.getSetCookie().find((c) => c.startsWith('d1_bookmark='));
		expect(bookmark).toMatch(/^d1_bookmark=DB_SHARD_2\./);
		// Used once, on shard 2: the session and the link's use are there, not on the default shard.
		const hash = await sha256Hex(token);
		expect(await shard2.db.$count(loginTokenUses, eq(loginTokenUses.tokenHash, hash))).toBe(1);
		expect(await main.db.$count(loginTokenUses, eq(loginTokenUses.tokenHash, hash))).toBe(0);
		const sessionId = await sha256Hex(cookie!);
		expect(await shard2.db.$count(sessions, eq(sessions.id, sessionId))).toBe(1);
		expect(await main.db.$count(sessions, eq(sessions.id, sessionId))).toBe(0);

		const page = await dashboardProjects(cookie!);
		expect(page).toMatchObject({ status: 200, shard: 'DB_SHARD_2' });
		expect(page.html).toContain('Northern lights site');
		expect(page.html).not.toContain('Website redesign');
		// The link again: used (read on shard 2), and a fresh one goes out from there.
		const again = await request(hosts.dashboard, url.pathname + url.search, { headers: { accept: 'text/html' } });
		expect(await again.text()).toContain('This link has already been used');
		await request(hosts.dashboard, url.pathname + url.search, { method: 'POST', form: { intent: 'fresh' } });
		await eventually(async () => expect(await emailsTo(shard2, NORTH_OWNER)).toHaveLength(2));
	});

	it('finds no session when the shard a staff cookie names is changed or unknown', async () => {
		const { shard2 } = await northOwner();
		const real = (await sessionCookie(shard2, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })).slice(
			'cp_session='.length
		);
		expect(real).toMatch(/\.DB_SHARD_2$/);
		expect(await dashboardProjects(real)).toMatchObject({ status: 200, shard: 'DB_SHARD_2' });
		const random = real.slice(0, -'.DB_SHARD_2'.length);
		for (const forged of [random, `${random}.DB`, `${random}.DB_SHARD_3`, `${real}.DB`]) {
			const page = await dashboardProjects(forged);
			expect(page.shard, forged).toBe('DB');
			expect(page.status, forged).toBe(303);
			expect(page.html).not.toContain('Northern lights site');
		}
	});

	it('signs its staff in with a passkey kept on their shard', async () => {
		const { main, shard2 } = await northOwner();
		await insertRecordedPasskey(shard2, 'pky_north', 'North key');
		const result = await signInWithRecordedPasskey(main);
		expect(result.sessionToken).toMatch(/\.DB_SHARD_2$/);
		// The browser gets shard 2's bookmark, so its next read (a replica of shard 2) has the session.
		expect(result.bookmarkShard).toBe('DB_SHARD_2');
		const page = await dashboardProjects(result.sessionToken);
		expect(page).toMatchObject({ status: 200, shard: 'DB_SHARD_2' });
		expect(page.html).toContain('Northern lights site');
		const key = await shard2.db.select().from(passkeys).where(eq(passkeys.id, 'pky_north')).get();
		expect(key?.lastUsedAt).not.toBeNull();
		const signedIn = (db: typeof main.db) =>
			db.$count(activity, and(eq(activity.verb, 'auth.signed_in'), eq(activity.workspaceId, DEMO.workspaceId)));
		expect(await signedIn(shard2.db)).toBe(1);
		expect(await signedIn(main.db)).toBe(0);
	});

	it('keeps a passkey sign-in challenge on the default shard, whatever shard the cookie names at either step', async () => {
		const { main, shard2 } = await northOwner();
		await insertRecordedPasskey(shard2, 'pky_north', 'North key');
		// Started under a cookie naming shard 2 (a staff session in another tab): the challenge is on DB.
		await startPasskeySignIn({ services: testServices({ shard: 'DB_SHARD_2' }), ip: null });
		const purpose = eq(webauthnChallenges.purpose, 'sign_in');
		expect([
			await main.db.$count(webauthnChallenges, purpose),
			await shard2.db.$count(webauthnChallenges, purpose)
		]).toEqual([1, 0]);
		// Finished under such a cookie: the challenge is found on DB and the person signed in on their shard.
		const result = await signInWithRecordedPasskey(main, testServices({ shard: 'DB_SHARD_2' }));
		expect(result.sessionToken).toMatch(/\.DB_SHARD_2$/);
	});

	it('emails a person with workspaces on both shards one link per shard, each named and signing in there', async () => {
		const { main, shard2 } = await twoShards();
		await shard2.db.update(workspaces).set({ name: 'North Studio' }).where(eq(workspaces.id, DEMO.workspaceId));
		// The seed puts the demo team member on both shards.
		await request(hosts.dashboard, '/login', { form: { email: DEMO.memberEmail } });
		const [mail] = await eventually(async () => {
			const list = await emailsTo(main, DEMO.memberEmail);
			expect(list).toHaveLength(1);
			return list;
		});
		expect(await emailsTo(shard2, DEMO.memberEmail)).toEqual([]);
		const links = [...mail!.text.matchAll(/^Sign in to (.+): (https?:\/\/\S+\/auth\/verify\?token=[\w-]+)$/gm)];
		expect(links.map((link) => link[1])).toEqual(['Demo Studio', 'North Studio']);
		const signIn = async (link: string) => {
			const url = new URL(link);
			const res = await request(hosts.dashboard, url.pathname + url.search, { method: 'POST', form: {} });
			return /cp_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
		};
		const [onMain, onShard2] = [await signIn(links[0]![2]!), await signIn(links[1]![2]!)];
		expect(await dashboardProjects(onMain)).toMatchObject({ status: 200, shard: 'DB' });
		const north = await dashboardProjects(onShard2);
		expect(north).toMatchObject({ status: 200, shard: 'DB_SHARD_2' });
		expect(north.html).toContain('Northern lights site');
	});

	it('creates a new workspace on the default shard whatever shard the cookie names, once per link, and keeps the slugs of other shards', async () => {
		const { main, shard2 } = await twoShards();
		// A request the cookie sent to shard 2 (a north owner making a second workspace, or a forged cookie).
		const onShard2 = () => testServices({ shard: 'DB_SHARD_2' });
		await expect(
			requestSignup({
				services: onShard2(),
				input: { workspaceName: 'North Again', slug: 'north', name: 'Nia', email: 'nia@example.com' },
				ip: null
			})
		).rejects.toMatchObject({ code: 'validation_failed', fields: { slug: expect.any(String) } });
		const asked = onShard2();
		await requestSignup({
			services: asked,
			input: { workspaceName: 'Fresh Studio', slug: 'fresh', name: 'Fay', email: 'fay@example.com' },
			ip: null
		});
		await asked.settle();
		const [mail] = await emailsTo(main, 'fay@example.com');
		const token = /token=([\w-]+)/.exec(mail!.text)![1]!;
		const use = (services: ReturnType<typeof testServices>) =>
			consumeSignupLink({ services, token, ip: null, userAgent: null });
		const creating = onShard2();
		expect((await use(creating)).status).toBe('created');
		// The new owner's session is on DB: the request hands the browser DB's bookmark, not shard 2's.
		expect(creating.d1Session.shard()).toBe('DB');
		// The same link again, on either shard: used.
		expect((await use(onShard2())).status).toBe('used');
		expect((await use(testServices())).status).toBe('used');
		expect(await main.db.$count(workspaces, eq(workspaces.slug, 'fresh'))).toBe(1);
		expect(await shard2.db.$count(workspaces, eq(workspaces.slug, 'fresh'))).toBe(0);
	});

	it('counts sign-in limits on the default shard, so a cookie naming another shard buys no budget', async () => {
		const { main, shard2 } = await twoShards();
		await limitIp(testServices({ shard: 'DB_SHARD_2' }), '203.0.113.77');
		const counted = (db: typeof main.db) => db.$count(rateLimits, eq(rateLimits.key, 'login:ip:203.0.113.77'));
		expect(await counted(main.db)).toBe(1);
		expect(await counted(shard2.db)).toBe(0);
	});

	it('finds a passkey by its person too: the same credential id stored for someone else on another shard does not shadow it', async () => {
		const { main } = await northOwner();
		const shard2 = testServices({ shard: 'DB_SHARD_2' });
		await insertRecordedPasskey(shard2, 'pky_north', 'North key');
		await insertRecordedPasskey(main, 'pky_shadow', 'Shadow');
		await main.db.update(passkeys).set({ userId: DEMO.memberUserId }).where(eq(passkeys.id, 'pky_shadow'));
		const result = await signInWithRecordedPasskey(main);
		expect(result.sessionToken).toMatch(/\.DB_SHARD_2$/);
	});
});
