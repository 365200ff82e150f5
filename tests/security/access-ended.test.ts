import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, sessions } from '../../db/schema';
import { sha256Hex } from '../../worker/services/crypto';
import { CORE, THREADS } from '../../worker/dev/seed/ids';
import { DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../helpers';
import { openThreadSocket, reachedSeq, ready, type TestSocket } from '../thread-sockets';
import { postMessage } from '../../worker/domain/threads/post-message';
import { threadRoom } from '../../worker/domain/threads/room';
import type { Db } from '../../worker/services/db';

// A thread socket is authorised once, when it opens. When someone's access
// ends (contact archived, client archived, member removed), their open sockets
// must be closed (4003) once the change has committed, and only theirs.

async function setup() {
	const services = await seed(testServices());
	const s = await scopes(services);
	return {
		services,
		...s,
		owner: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }),
		member: await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId }),
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
		nina: await sessionCookie(services, { contactId: CORE.ninaContactId }),
		oscar: await sessionCookie(services, { contactId: DEMO.oscarContactId })
	};
}

async function open(host: string, threadId: string, cookie: string): Promise<TestSocket> {
	const { response, socket } = await openThreadSocket(host, threadId, { cookie, after: 1_000_000 });
	expect(response.status).toBe(101);
	await socket!.until(ready);
	return socket!;
}

/** The close code, or 'open' if the socket is still open after a short wait. */
async function closedWithin(socket: TestSocket, ms = 3000): Promise<number | 'open'> {
	return Promise.race([socket.closed, new Promise<'open'>((r) => setTimeout(() => r('open'), ms))]);
}

async function stillOpen(socket: TestSocket) {
	return (await closedWithin(socket, 150)) === 'open';
}

describe('ending access closes live thread sockets', () => {
	it('archiving a contact closes their sockets, not their colleague’s or staff’s, and they cannot reconnect', async () => {
		const c = await setup();
		const caseySocket = await open(hosts.demo, THREADS.designId, c.casey);
		const ninaSocket = await open(hosts.demo, THREADS.designId, c.nina);
		const staffSocket = await open(hosts.dashboard, THREADS.designId, c.owner);

		const res = await request(
			hosts.dashboard,
			`/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/archive`,
			{ method: 'POST', cookie: c.owner }
		);
		expect(res.status).toBe(200);
		expect(await closedWithin(caseySocket)).toBe(4003);
		expect(await stillOpen(ninaSocket)).toBe(true);
		expect(await stillOpen(staffSocket)).toBe(true);

		// The others still get new messages live.
		const { message } = await postMessage({
			...c.demoOwner,
			threadId: THREADS.designId,
			input: { body: 'after the archive' }
		});
		await Promise.all([ninaSocket.until(reachedSeq(message.seq)), staffSocket.until(reachedSeq(message.seq))]);
		expect(caseySocket.messages().map((m) => m.body)).not.toContain('after the archive');

		const again = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: c.casey });
		expect(again.response.status).toBe(401);
		expect(await threadRoom(c.services, THREADS.designId).connections()).toEqual({ staff: 1, client: 1 });
	});

	it('changing a contact’s email closes their sockets (the old address’s holder loses the live feed) and nobody else’s', async () => {
		const c = await setup();
		const caseySocket = await open(hosts.demo, THREADS.designId, c.casey);
		const ninaSocket = await open(hosts.demo, THREADS.designId, c.nina);
		const res = await editCasey(c.owner, { email: 'casey.new@northwind.test' });
		expect(res.status).toBe(200);
		expect(await closedWithin(caseySocket)).toBe(4003);
		expect(await stillOpen(ninaSocket)).toBe(true);
	});

	it('renaming a contact (same email) leaves their sockets open', async () => {
		const c = await setup();
		const caseySocket = await open(hosts.demo, THREADS.designId, c.casey);
		const res = await editCasey(c.owner, { name: 'Casey N. Jones' });
		expect(res.status).toBe(200);
		expect(await stillOpen(caseySocket)).toBe(true);
	});

	it('archiving a client closes the sockets of every one of its contacts, and nobody else’s', async () => {
		const c = await setup();
		const casey = await open(hosts.demo, THREADS.designId, c.casey);
		const caseyContent = await open(hosts.demo, THREADS.contentId, c.casey);
		const nina = await open(hosts.demo, THREADS.designId, c.nina);
		const oscar = await open(hosts.demo, THREADS.globexId, c.oscar);
		const staff = await open(hosts.dashboard, THREADS.designId, c.owner);

		const res = await request(hosts.dashboard, `/api/clients/${DEMO.northwindId}/archive`, {
			method: 'POST',
			cookie: c.owner
		});
		expect(res.status).toBe(200);
		expect(await Promise.all([casey, caseyContent, nina].map((s) => closedWithin(s)))).toEqual([4003, 4003, 4003]);
		expect(await stillOpen(oscar)).toBe(true);
		expect(await stillOpen(staff)).toBe(true);
	});

	it('removing a staff member closes their sockets on every thread, staff-only ones included, and not the owner’s', async () => {
		const c = await setup();
		const memberDesign = await open(hosts.dashboard, THREADS.designId, c.member);
		const memberInternal = await open(hosts.dashboard, THREADS.pricingInternalId, c.member);
		const ownerSocket = await open(hosts.dashboard, THREADS.designId, c.owner);
		const caseySocket = await open(hosts.demo, THREADS.designId, c.casey);

		const membership = await demoMembership(c.services, DEMO.memberUserId);
		const res = await request(hosts.dashboard, `/api/settings/team/${membership.id}`, {
			method: 'DELETE',
			cookie: c.owner
		});
		expect(res.status).toBe(200);
		expect(await Promise.all([memberDesign, memberInternal].map((s) => closedWithin(s)))).toEqual([4003, 4003]);
		expect(await stillOpen(ownerSocket)).toBe(true);
		expect(await stillOpen(caseySocket)).toBe(true);
		expect((await openThreadSocket(hosts.dashboard, THREADS.designId, { cookie: c.member })).response.status).toBe(401);
	});

	it('closes nothing when the change does not happen (the last owner cannot be removed)', async () => {
		const c = await setup();
		const ownerSocket = await open(hosts.dashboard, THREADS.designId, c.owner);
		const ownerMembership = await demoMembership(c.services, DEMO.ownerUserId);
		const res = await request(hosts.dashboard, `/api/settings/team/${ownerMembership.id}`, {
			method: 'DELETE',
			cookie: c.owner
		});
		expect(res.status).toBe(409);
		expect(await stillOpen(ownerSocket)).toBe(true);
	});
});

describe('logging out closes that session’s live thread sockets', () => {
	for (const [label, via] of [
		['the API', (host: string, cookie: string) => request(host, '/api/auth/logout', { method: 'POST', cookie })],
		['the page', (host: string, cookie: string) => request(host, '/logout', { method: 'POST', cookie, form: {} })]
	] as const) {
		it(`a client logging out through ${label}: their socket of that session closes, their other session’s and staff’s stay`, async () => {
			const c = await setup();
			const otherSession = await sessionCookie(c.services, { contactId: DEMO.caseyContactId });
			const loggingOut = await open(hosts.demo, THREADS.designId, c.casey);
			const elsewhere = await open(hosts.demo, THREADS.designId, otherSession);
			const staffSocket = await open(hosts.dashboard, THREADS.designId, c.owner);

			const res = await via(hosts.demo, c.casey);
			expect(res.status).toBeLessThan(400);
			expect(await closedWithin(loggingOut)).toBe(4003);
			expect(await stillOpen(elsewhere)).toBe(true);
			expect(await stillOpen(staffSocket)).toBe(true);

			// The closed socket gets nothing new; the others do.
			const { message } = await postMessage({
				...c.demoOwner,
				threadId: THREADS.designId,
				input: { body: 'after the logout' }
			});
			await Promise.all([elsewhere.until(reachedSeq(message.seq)), staffSocket.until(reachedSeq(message.seq))]);
			expect(loggingOut.messages().map((m) => m.body)).not.toContain('after the logout');
			expect((await openThreadSocket(hosts.demo, THREADS.designId, { cookie: c.casey })).response.status).toBe(401);
		});

		it(`a staff member logging out through ${label}: their sockets of that session close on every thread, staff-only included`, async () => {
			const c = await setup();
			const design = await open(hosts.dashboard, THREADS.designId, c.member);
			const internal = await open(hosts.dashboard, THREADS.pricingInternalId, c.member);
			const ownerSocket = await open(hosts.dashboard, THREADS.designId, c.owner);
			const caseySocket = await open(hosts.demo, THREADS.designId, c.casey);

			const res = await via(hosts.dashboard, c.member);
			expect(res.status).toBeLessThan(400);
			expect(await Promise.all([design, internal].map((s) => closedWithin(s)))).toEqual([4003, 4003]);
			expect(await stillOpen(ownerSocket)).toBe(true);
			expect(await stillOpen(caseySocket)).toBe(true);
		});
	}
});

describe('signing a session out from the sessions list closes its live thread sockets', () => {
	async function publicIdOf(services: { db: Db }, cookie: string) {
		const row = await services.db
			.select({ publicId: sessions.publicId })
			.from(sessions)
			.where(eq(sessions.id, await sha256Hex(cookie.split('=')[1])))
			.get();
		return row!.publicId!;
	}

	it('one session: only its sockets close, on every thread', async () => {
		const c = await setup();
		const phone = await sessionCookie(c.services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const phoneDesign = await open(hosts.dashboard, THREADS.designId, phone);
		const phoneInternal = await open(hosts.dashboard, THREADS.pricingInternalId, phone);
		const laptopSocket = await open(hosts.dashboard, THREADS.designId, c.owner);
		const memberSocket = await open(hosts.dashboard, THREADS.designId, c.member);
		const res = await request(hosts.dashboard, `/api/account/sessions/${await publicIdOf(c.services, phone)}`, {
			method: 'DELETE',
			cookie: c.owner
		});
		expect(res.status).toBe(200);
		expect(await Promise.all([phoneDesign, phoneInternal].map((s) => closedWithin(s)))).toEqual([4003, 4003]);
		expect(await stillOpen(laptopSocket)).toBe(true);
		expect(await stillOpen(memberSocket)).toBe(true);
		expect((await openThreadSocket(hosts.dashboard, THREADS.designId, { cookie: phone })).response.status).toBe(401);
	});

	it('"sign out everywhere else": the other sessions\' sockets close, this one\'s stay open', async () => {
		const c = await setup();
		const phone = await sessionCookie(c.services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const tablet = await sessionCookie(c.services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const others = [
			await open(hosts.dashboard, THREADS.designId, phone),
			await open(hosts.dashboard, THREADS.contentId, tablet)
		];
		const here = await open(hosts.dashboard, THREADS.designId, c.owner);
		const res = await request(hosts.dashboard, '/api/account/sessions/sign-out-others', {
			method: 'POST',
			cookie: c.owner,
			json: {}
		});
		expect(await res.json()).toEqual({ signedOut: 2 });
		expect(await Promise.all(others.map((s) => closedWithin(s)))).toEqual([4003, 4003]);
		expect(await stillOpen(here)).toBe(true);
	});
});

/** The Demo Studio membership of a user (what the team API removes). */
async function demoMembership(services: { db: Db }, userId: string): Promise<{ id: string }> {
	const row = await services.db
		.select({ id: memberships.id })
		.from(memberships)
		.where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, DEMO.workspaceId)))
		.get();
	if (!row) throw new Error(`no Demo Studio membership for ${userId}`);
	return row;
}

/** Staff edit Casey's contact record through the API (PATCH: fields left out keep their value). */
function editCasey(staffCookie: string, json: Record<string, string>): Promise<Response> {
	return request(hosts.dashboard, `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}`, {
		method: 'PATCH',
		cookie: staffCookie,
		json
	});
}
