import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages, threads } from '../../../db/schema';
import { THREADS } from '../../dev/seed/ids';
import { DEMO, hosts, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { messageCount, openThreadSocket, ready } from '../../../tests/thread-sockets';
import { MESSAGE_MAX_CHARS } from './model';
import { postMessage } from './post-message';

const storedSeqs = async (services: ReturnType<typeof testServices>, threadId: string) =>
	await services.db
		.select({ seq: messages.seq, body: messages.body })
		.from(messages)
		.where(eq(messages.threadId, threadId))
		.orderBy(asc(messages.seq));

describe('posting messages', () => {
	it('gives concurrent posts from staff and client distinct, gap-free seqs, and every socket receives them in that order', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const { socket } = await openThreadSocket(hosts.demo, THREADS.contentId, { cookie, after: 3 });
		await socket!.until(ready);

		const posts = Array.from({ length: 24 }, (_, i) =>
			postMessage({
				...(i % 2 ? casey : demoOwner),
				threadId: THREADS.contentId,
				input: { body: `concurrent ${i}`, clientMsgId: `concurrent-${i}` }
			})
		);
		const results = await Promise.all(posts);

		const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
		expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => 4 + i));
		const stored = await storedSeqs(services, THREADS.contentId);
		expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
		const thread = await services.db.query.threads.findFirst({ where: eq(threads.id, THREADS.contentId) });
		expect(thread?.lastSeq).toBe(27);

		await socket!.until(messageCount(24));
		expect(socket!.messages().map((m) => m.seq)).toEqual(seqs);
		// What the socket saw is exactly what D1 holds, in the same order.
		expect(socket!.messages().map((m) => m.body)).toEqual(stored.slice(3).map((r) => r.body));
	});

	it('stores a retried post once, returns the stored message, and pushes it once', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const { socket } = await openThreadSocket(hosts.dashboard, THREADS.contentId, { cookie, after: 3 });
		await socket!.until(ready);

		const post = () =>
			postMessage({
				...casey,
				threadId: THREADS.contentId,
				input: { body: 'Sent from a train', clientMsgId: 'retry-me-123' }
			});
		const [a, b, c] = await Promise.all([post(), post(), post()]);
		const d = await post();
		expect([a, b, c].filter((r) => r.created)).toHaveLength(1);
		expect(d.created).toBe(false);
		for (const r of [a, b, c, d]) expect(r.message).toEqual(a.message);
		const rows = await services.db
			.select()
			.from(messages)
			.where(and(eq(messages.threadId, THREADS.contentId), eq(messages.clientMsgId, 'retry-me-123')));
		expect(rows).toHaveLength(1);

		// A later post is the next frame: the retries produced nothing in between.
		await postMessage({
			...casey,
			threadId: THREADS.contentId,
			input: { body: 'after the retries', clientMsgId: 'after-retries' }
		});
		await socket!.until(messageCount(2));
		expect(socket!.messages().map((m) => [m.seq, m.body])).toEqual([
			[4, 'Sent from a train'],
			[5, 'after the retries']
		]);
	});

	it("refuses to hand someone else's message back for a reused clientMsgId", async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		await postMessage({
			...demoOwner,
			threadId: THREADS.designId,
			input: { body: 'staff secret note', internal: true, clientMsgId: 'guessable-id' }
		});
		await expect(
			postMessage({ ...casey, threadId: THREADS.designId, input: { body: 'hi', clientMsgId: 'guessable-id' } })
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('rejects an empty message and an over-long one with a clear message', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		await expect(
			postMessage({ ...casey, threadId: THREADS.designId, input: { body: '   \n ' } })
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { body: 'Write a message first.' }
		});
		await expect(
			postMessage({ ...casey, threadId: THREADS.designId, input: { body: 'x'.repeat(MESSAGE_MAX_CHARS + 1) } })
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { body: expect.stringContaining('at most 5,000 characters; this one has 5,001') }
		});
		const ok = await postMessage({
			...casey,
			threadId: THREADS.designId,
			input: { body: ` ${'y'.repeat(MESSAGE_MAX_CHARS)} ` }
		});
		expect(ok.message.body).toHaveLength(MESSAGE_MAX_CHARS);
	});

	it('lets only staff post internal notes, and makes every message of a staff-only thread internal', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		await expect(
			postMessage({ ...casey, threadId: THREADS.designId, input: { body: 'sneaky', internal: true } })
		).rejects.toMatchObject({ code: 'forbidden' });
		const note = await postMessage({
			...demoOwner,
			threadId: THREADS.pricingInternalId,
			input: { body: 'staff-only thread' }
		});
		expect(note.message.internal).toBe(true);
	});

	it("treats another client's, another workspace's or a made-up thread as not found", async () => {
		const services = await seed(testServices());
		const { oscar, acmeOwner, acmeClient, casey, anonymousDemo } = await scopes(services);
		for (const [scope, threadId] of [
			[oscar, THREADS.designId],
			[casey, THREADS.globexId],
			[casey, THREADS.pricingInternalId],
			[acmeOwner, THREADS.designId],
			[acmeClient, THREADS.designId],
			[casey, 'thr_made_up']
		] as const) {
			await expect(
				postMessage({ ...scope, threadId, input: { body: 'hello?' } }),
				`${scope.actor.kind} on ${threadId}`
			).rejects.toMatchObject({ code: 'not_found' });
		}
		await expect(
			postMessage({ ...anonymousDemo, threadId: THREADS.designId, input: { body: 'hello?' } })
		).rejects.toMatchObject({ code: 'unauthenticated' });
		expect(await storedSeqs(services, THREADS.designId)).toHaveLength(6);
	});
});
