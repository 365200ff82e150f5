import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { leads } from '../db/schema';
import { INVOICES, SETTINGS_DEMO, THREADS } from '../worker/dev/seed/ids';
import { BOOKMARK_COOKIE, bookmarkCookieHeader, readPlacement, validBookmark } from '../worker/read-placement';
import { scheduledServices } from '../worker/scheduled';
import { DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from './helpers';
import { postMessage } from '../worker/domain/threads/post-message';

/**
 * D1 read replication (worker/read-placement.ts): which D1 session each kind of request is
 * built on. Development and test responses name it in X-D1-Session: the argument the
 * request's handle gave `withSession` ('first-primary', 'first-unconstrained' or 'bookmark').
 * Locally there is one instance (no replica lag to observe), so what is tested is the routing.
 */
const sessionOf = (res: Response) => res.headers.get('x-d1-session');
const bookmarkSet = (res: Response) =>
	res.headers.getSetCookie().find((c) => c.startsWith(`${BOOKMARK_COOKIE}=`)) ?? null;

describe('read replication: primary or nearest replica', () => {
	it('reads portal and dashboard pages from the nearest replica, and sets no bookmark on a read', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (const [host, path, cookie] of [
			[hosts.demo, '/', casey],
			[hosts.demo, `/projects/${DEMO.websiteProjectId}`, casey],
			[hosts.dashboard, '/', staff],
			[hosts.demo, '/api/projects', casey]
		] as const) {
			const res = await request(host, path, { cookie, headers: { accept: 'text/html' } });
			expect(res.status, path).toBe(200);
			expect(sessionOf(res), path).toBe('first-unconstrained');
			expect(bookmarkSet(res), path).toBeNull();
		}
	});

	it('carries the bookmark of a write in an HttpOnly SameSite=Lax cookie, and the next read starts from it and sees the write', async () => {
		await seed(testServices());
		const write = await request(hosts.demo, `/forms/${SETTINGS_DEMO.intakeFormSlug}`, {
			form: { name: 'Dee Dee', email: 'dee@example.com', f_service: 'Website', f_brief: 'A site', website: '' }
		});
		expect(write.status).toBeLessThan(400);
		expect(sessionOf(write)).toBe('first-primary');
		const cookie = bookmarkSet(write);
		expect(cookie).toMatch(new RegExp(`^${BOOKMARK_COOKIE}=[^;]+; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax`));
		const bookmark = cookie!.split(';')[0].slice(BOOKMARK_COOKIE.length + 1);
		// What D1 itself handed out (locally too), so the format check lets real bookmarks through.
		expect(validBookmark(bookmark)).toBe(bookmark);

		const staff = await sessionCookie(testServices(), { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const read = await request(hosts.dashboard, '/leads', {
			cookie: `${staff}; ${BOOKMARK_COOKIE}=${bookmark}`,
			headers: { accept: 'text/html' }
		});
		expect(sessionOf(read)).toBe('bookmark');
		expect(await read.text()).toContain('Dee Dee');
		// A session started from that bookmark reads the write (withSession accepts what the cookie carries).
		const lead = await env.DB.withSession(bookmark)
			.prepare('select name from leads where email = ?')
			.bind('dee@example.com')
			.first<{ name: string }>();
		expect(lead?.name).toBe('Dee Dee');
	});

	it('ignores a forged bookmark cookie instead of passing it to D1', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request(hosts.demo, '/', {
			cookie: `${casey}; ${BOOKMARK_COOKIE}=not a bookmark'--`,
			headers: { accept: 'text/html' }
		});
		expect(res.status).toBe(200);
		expect(sessionOf(res)).toBe('first-unconstrained');
	});

	it('reads the primary on the routes that must: webhooks, the checkout return, payments, sign-in links, form actions', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const hook = await request(hosts.dashboard, `/webhooks/paystack/${DEMO.slug}`, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json', 'x-paystack-signature': 'bad' }
		});
		expect(sessionOf(hook)).toBe('first-primary');
		expect(bookmarkSet(hook)).toBeNull(); // a server, not a browser
		const paid = await request(hosts.demo, `/invoices/${INVOICES.sentId}/paid?reference=nope`, {
			cookie: casey,
			headers: { accept: 'text/html' }
		});
		expect(sessionOf(paid)).toBe('first-primary');
		const payments = await request(hosts.demo, `/api/payments/nope`, { cookie: casey });
		expect(sessionOf(payments)).toBe('first-primary');
		const confirm = await request(hosts.demo, `/api/invoices/${INVOICES.sentId}/payments/confirm?reference=nope`, {
			cookie: casey
		});
		expect(sessionOf(confirm)).toBe('first-primary');
		// A live socket outlasts the request that authorised it: a revoke made a moment ago must already count.
		const socket = await request(hosts.demo, `/api/threads/${THREADS.designId}/socket`, { cookie: casey });
		expect(sessionOf(socket)).toBe('first-primary');
		for (const [host, path] of [
			[hosts.demo, '/auth/verify?token=abc'],
			[hosts.dashboard, '/auth/verify?token=abc']
		] as const) {
			expect(sessionOf(await request(host, path, { headers: { accept: 'text/html' } })), host + path).toBe(
				'first-primary'
			);
		}
		// A bookmark cookie does not move a must-read-primary request onto a replica.
		const withBookmark = await request(hosts.demo, `/invoices/${INVOICES.sentId}/paid?reference=nope`, {
			cookie: `${casey}; ${BOOKMARK_COOKIE}=00000001-00000002`,
			headers: { accept: 'text/html' }
		});
		expect(sessionOf(withBookmark)).toBe('first-primary');
		const action = await request(hosts.demo, `/projects/${DEMO.brandProjectId}/feedback`, {
			cookie: casey,
			form: { requestId: SETTINGS_DEMO.feedbackRequestId, rating: '4' }
		});
		expect(sessionOf(action)).toBe('first-primary');
	});

	it('keeps the newer bookmark when a write made elsewhere (the thread room) is noted', async () => {
		const services = testServices({ placement: { kind: 'nearest', bookmark: null } });
		expect(services.d1Session.constraint).toBe('first-unconstrained');
		await services.db.select().from(leads).limit(1);
		const own = services.d1Session.bookmark()!;
		const room = env.DB.withSession('first-primary');
		await room.prepare('insert into rate_limits (key, window_start, count) values (?, 0, 1)').bind('note-test').run();
		const roomBookmark = room.getBookmark()!;
		expect(roomBookmark > own).toBe(true);
		services.d1Session.note(roomBookmark);
		expect(services.d1Session.bookmark()).toBe(roomBookmark);
		services.d1Session.note(own); // an older one changes nothing
		expect(services.d1Session.bookmark()).toBe(roomBookmark);
	});

	it('adds the thread room’s write to the poster’s bookmark (the room writes on its own session)', async () => {
		const services = await seed(testServices({ placement: { kind: 'nearest', bookmark: null } }));
		const { casey } = await scopes(services);
		const noted: (string | null | undefined)[] = [];
		const note = services.d1Session.note;
		services.d1Session.note = (bookmark) => {
			noted.push(bookmark);
			note(bookmark);
		};
		const before = services.d1Session.bookmark()!;
		await postMessage({
			...casey,
			threadId: THREADS.designId,
			input: { body: 'Bookmark me', clientMsgId: 'bookmark-me-0001' }
		});
		expect(noted).toHaveLength(1);
		expect(validBookmark(noted[0]!)).toBe(noted[0]);
		// Newer than anything this request's own session had read when it asked the room.
		expect(noted[0]! > before).toBe(true);
		expect(services.d1Session.bookmark()! >= noted[0]!).toBe(true);
	});

	it('runs the cron on the primary of every shard', async () => {
		for (const services of scheduledServices(env, { waitUntil: () => {} }))
			expect(services.d1Session.constraint).toBe('first-primary');
	});

	it('decides by method and path: writes and the listed paths read the primary, other reads the nearest replica', () => {
		const nearest = { kind: 'nearest', bookmark: null };
		expect(readPlacement({ method: 'GET', path: '/projects/p1', bookmarkCookie: undefined })).toEqual(nearest);
		expect(readPlacement({ method: 'GET', path: '/invoices/inv_1', bookmarkCookie: undefined })).toEqual(nearest);
		expect(readPlacement({ method: 'GET', path: '/invoices/inv_1/paid', bookmarkCookie: undefined })).toEqual({
			kind: 'primary'
		});
		for (const path of [
			'/invoices/inv_1/paid/__data.json',
			'/api/invoices/inv_1/payments/confirm',
			'/api/threads/thr_1/socket'
		])
			expect(readPlacement({ method: 'GET', path, bookmarkCookie: undefined }), path).toEqual({ kind: 'primary' });
		expect(readPlacement({ method: 'GET', path: '/api/invoices/inv_1', bookmarkCookie: undefined })).toEqual(nearest);
		expect(readPlacement({ method: 'GET', path: '/api/threads/thr_1', bookmarkCookie: undefined })).toEqual(nearest);
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
			expect(readPlacement({ method, path: '/projects/p1', bookmarkCookie: undefined })).toEqual({ kind: 'primary' });
		expect(readPlacement({ method: 'GET', path: '/', bookmarkCookie: '0000000a-00000003-00004f9e' })).toEqual({
			kind: 'nearest',
			bookmark: '0000000a-00000003-00004f9e'
		});
	});

	it("sends a bookmark only to the shard it is of: another database's is dropped, not sent", () => {
		const bookmark = '0000000a-00000003-00004f9e';
		const placement = (cookie: string, shard: string) =>
			readPlacement({ method: 'GET', path: '/projects', bookmarkCookie: cookie, shard });
		expect(placement(bookmark, 'DB')).toEqual({ kind: 'nearest', bookmark });
		expect(placement(`DB_SHARD_2.${bookmark}`, 'DB_SHARD_2')).toEqual({ kind: 'nearest', bookmark });
		expect(placement(bookmark, 'DB_SHARD_2')).toEqual({ kind: 'nearest', bookmark: null });
		expect(placement(`DB_SHARD_2.${bookmark}`, 'DB')).toEqual({ kind: 'nearest', bookmark: null });
		const header = (shard: string, previous?: string) =>
			bookmarkCookieHeader({ bookmark, shard, previous, path: '/projects', secure: true });
		expect(header('DB')).toMatch(new RegExp(`^${BOOKMARK_COOKIE}=${bookmark};`));
		expect(header('DB_SHARD_2')).toMatch(new RegExp(`^${BOOKMARK_COOKIE}=DB_SHARD_2\\.${bookmark};`));
		// The same bookmark of another shard is a new cookie; the cookie it already has is not sent again.
		expect(header('DB_SHARD_2', bookmark)).not.toBeNull();
		expect(header('DB_SHARD_2', `DB_SHARD_2.${bookmark}`)).toBeNull();
	});
});
