import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages } from '../db/schema';
import { THREADS } from '../worker/dev/seed/ids';
import { DEMO, hosts, scopes, seed, sessionCookie, testServices } from '../tests/helpers';
import { openThreadSocket, reachedSeq, ready } from '../tests/thread-sockets';
import { disconnectReader } from '../worker/domain/threads/disconnect-reader';
import { postMessage } from '../worker/domain/threads/post-message';
import { threadRoom } from '../worker/domain/threads/room';
import { sendableCloseCode } from './close-codes';
import { MAX_CATCH_UP, ThreadRoom } from './thread-room';

async function setup() {
	const services = await seed(testServices());
	const s = await scopes(services);
	const clientCookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
	const staffCookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
	const post = (who: 'staff' | 'client', body: string, extra: { internal?: boolean } = {}) =>
		postMessage({
			...(who === 'staff' ? s.demoOwner : s.casey),
			threadId: THREADS.designId,
			input: { body, ...extra }
		});
	return { services, ...s, clientCookie, staffCookie, post, stub: threadRoom(services, THREADS.designId) };
}

describe('ThreadRoom', () => {
	it('keeps hibernated sockets and the seq order across an eviction', async () => {
		const { post, clientCookie, stub, services } = await setup();
		const { socket } = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: 6 });
		await socket!.until(ready);
		await post('staff', 'before eviction');
		await socket!.until(reachedSeq(7));

		await evictDurableObject(stub);
		expect(await stub.connections()).toEqual({ staff: 0, client: 1 });
		await post('staff', 'after eviction');
		await socket!.until(reachedSeq(8));

		expect(socket!.messages().map((m) => [m.seq, m.body])).toEqual([
			[7, 'before eviction'],
			[8, 'after eviction']
		]);
		const stored = await services.db
			.select({ seq: messages.seq })
			.from(messages)
			.where(eq(messages.threadId, THREADS.designId))
			.orderBy(asc(messages.seq));
		expect(stored.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('lets a socket dropped by an eviction catch up from its last seq, without the internal notes it may not see', async () => {
		const { post, clientCookie, stub } = await setup();
		const first = (await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: 6 })).socket!;
		await first.until(ready);
		await post('staff', 'seen live');
		await first.until(reachedSeq(7));
		const lastSeen = first.messages().at(-1)!.seq;

		await evictDurableObject(stub, { webSockets: 'close' });
		await first.closed;
		await post('staff', 'missed 1');
		await post('staff', 'internal, never for the client', { internal: true });
		await post('client', 'missed 2');

		const again = (await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: lastSeen }))
			.socket!;
		await again.until(ready);
		expect(again.messages().map((m) => [m.seq, m.body])).toEqual([
			[8, 'missed 1'],
			[10, 'missed 2']
		]);
		expect(again.frames.at(-1)).toEqual({ type: 'ready', lastSeq: 10 });
		await post('staff', 'live again');
		await again.until(reachedSeq(11));
		expect(again.messages().map((m) => m.seq)).toEqual([8, 10, 11]);
	});

	it('never lets a connecting socket miss or repeat a message posted while it catches up', async () => {
		const { post, staffCookie } = await setup();
		const posting = Promise.all(Array.from({ length: 10 }, (_, i) => post(i % 2 ? 'client' : 'staff', `race ${i}`)));
		const sockets = await Promise.all(
			Array.from({ length: 4 }, (_, i) =>
				openThreadSocket(hosts.dashboard, THREADS.designId, { cookie: staffCookie, after: 6 - i })
			)
		);
		await posting;
		for (const [i, { socket }] of sockets.entries()) {
			await socket!.until(reachedSeq(16));
			const seqs = socket!.messages().map((m) => m.seq);
			const from = 7 - i;
			expect(seqs, `socket ${i}`).toEqual(Array.from({ length: 16 - from + 1 }, (_, k) => from + k));
		}
	});

	it('tells a socket that is too far behind to reload instead of streaming the whole history', async () => {
		const { services, clientCookie } = await setup();
		await services.db.$client
			.prepare(
				`INSERT INTO messages (id, workspace_id, client_id, thread_id, seq, author_kind, author_id, author_name, body, internal, created_at)
				 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ?)
				 SELECT 'msg_bulk_' || i, ?, ?, ?, 6 + i, 'staff', ?, 'Olivia Owner', 'bulk ' || i, 0, ? FROM n`
			)
			.bind(MAX_CATCH_UP, DEMO.workspaceId, DEMO.northwindId, THREADS.designId, DEMO.ownerUserId, services.clock.now())
			.run();
		const { socket } = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: 6 });
		expect(await socket!.closed).toBe(4000);
		expect(socket!.messages()).toEqual([]);
	});

	it('answers ping with pong without involving the object', async () => {
		const { clientCookie } = await setup();
		const { socket } = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: 6 });
		await socket!.until(ready);
		const pong = new Promise<string>((resolve) =>
			socket!.ws.addEventListener('message', (e) => e.data === 'pong' && resolve(e.data))
		);
		socket!.ws.send('ping');
		expect(await pong).toBe('pong');
	});

	it('completes a close the client started without a code (1005 is never sent back)', async () => {
		const { clientCookie, stub } = await setup();
		const { socket } = await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: 6 });
		await socket!.until(ready);
		socket!.ws.close();
		expect(await socket!.closed).toBe(1000);
		await runInDurableObject(stub, async (room: ThreadRoom) =>
			expect(await room.connections()).toEqual({ staff: 0, client: 0 })
		);
	});
});

describe('sendableCloseCode', () => {
	it('turns reserved and invalid codes into 1000 and keeps the ones that may be sent', () => {
		for (const code of [1005, 1006, 1015, 1004, 999, 5000, 2000, undefined, 1000.5])
			expect(sendableCloseCode(code), String(code)).toBe(1000);
		for (const code of [1000, 1001, 1008, 1011, 3000, 4000, 4999]) expect(sendableCloseCode(code)).toBe(code);
	});
});

describe('ending access', () => {
	it('closes the live sockets of a person whose access ended, and only theirs', async () => {
		const { services, clientCookie, staffCookie, post } = await setup();
		const client = (await openThreadSocket(hosts.demo, THREADS.designId, { cookie: clientCookie, after: 6 })).socket!;
		const staff = (await openThreadSocket(hosts.dashboard, THREADS.designId, { cookie: staffCookie, after: 6 }))
			.socket!;
		await Promise.all([client.until(ready), staff.until(ready)]);
		const closed = await disconnectReader({
			services,
			workspaceId: DEMO.workspaceId,
			reader: { kind: 'client', contactId: DEMO.caseyContactId, clientId: DEMO.northwindId }
		});
		expect(closed).toBe(1);
		expect(await client.closed).toBe(4003);
		await post('staff', 'still live for staff');
		await staff.until(reachedSeq(7));
	});
});
