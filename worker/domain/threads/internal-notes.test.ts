import { describe, expect, it } from 'vitest';
import { THREADS } from '../../dev/seed/ids';
import { DEMO, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import { openThreadSocket, reachedSeq, ready } from '../../../tests/thread-sockets';
import type { ThreadView } from './open-thread';
import { postMessage } from './post-message';

describe('internal notes', () => {
	it('reach staff sockets live and never client sockets', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const client = (
			await openThreadSocket(hosts.demo, THREADS.designId, {
				cookie: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
				after: 6
			})
		).socket!;
		const staff = (
			await openThreadSocket(hosts.dashboard, THREADS.designId, {
				cookie: await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId }),
				after: 6
			})
		).socket!;
		await Promise.all([client.until(ready), staff.until(ready)]);

		await postMessage({
			...demoOwner,
			threadId: THREADS.designId,
			input: { body: 'NOTE: client is slow to pay', internal: true }
		});
		await postMessage({ ...demoOwner, threadId: THREADS.designId, input: { body: 'Hello Casey' } });

		await Promise.all([client.until(reachedSeq(8)), staff.until(reachedSeq(8))]);
		expect(staff.messages().map((m) => [m.seq, m.internal, m.body])).toEqual([
			[7, true, 'NOTE: client is slow to pay'],
			[8, false, 'Hello Casey']
		]);
		// Frames arrive in seq order, so had the note been sent to the client it would be here, before seq 8.
		expect(client.messages().map((m) => [m.seq, m.body])).toEqual([[8, 'Hello Casey']]);
		expect(JSON.stringify(client.frames)).not.toContain('slow to pay');
	});

	it('are left out of what the API gives a client: the thread, its list entry and its unread count', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await postMessage({
			...demoOwner,
			threadId: THREADS.contentId,
			input: { body: 'NOTE: push back on Rotterdam', internal: true }
		});
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });

		const thread = await request(hosts.demo, `/api/threads/${THREADS.designId}`, { cookie });
		const view = (await thread.json()) as ThreadView;
		expect(view.messages.map((m) => m.seq)).toEqual([1, 2, 4, 5, 6]);
		expect(JSON.stringify(view)).not.toContain('re-licensing');

		const list = await request(hosts.demo, `/api/threads?projectId=${DEMO.websiteProjectId}`, { cookie });
		const body = await list.text();
		expect(body).not.toContain('push back');
		expect(body).not.toContain('Scope and pricing');
		const content = (JSON.parse(body) as { items: { id: string; unread: number; messageCount: number }[] }).items.find(
			(t) => t.id === THREADS.contentId
		);
		expect(content).toMatchObject({ unread: 0, messageCount: 3 });

		const staffView = (await (
			await request(hosts.dashboard, `/api/threads/${THREADS.contentId}`, {
				cookie: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId })
			})
		).json()) as ThreadView;
		expect(staffView.messages.at(-1)).toMatchObject({ internal: true, body: 'NOTE: push back on Rotterdam' });
	});

	it('cannot be posted by a client through the API', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request(hosts.demo, `/api/threads/${THREADS.designId}/messages`, {
			cookie,
			json: { body: 'hidden?', internal: true }
		});
		expect(res.status).toBe(403);
		const ok = await request(hosts.demo, `/api/threads/${THREADS.designId}/messages`, {
			cookie,
			json: { body: 'visible', clientMsgId: 'api-post-0001' }
		});
		expect(ok.status).toBe(201);
		expect(await ok.json()).toMatchObject({
			created: true,
			message: { seq: 7, internal: false, authorName: 'Casey Client', clientMsgId: 'api-post-0001' }
		});
		const retry = await request(hosts.demo, `/api/threads/${THREADS.designId}/messages`, {
			cookie,
			json: { body: 'visible', clientMsgId: 'api-post-0001' }
		});
		expect(retry.status).toBe(200);
		const tooLong = await request(hosts.demo, `/api/threads/${THREADS.designId}/messages`, {
			cookie,
			json: { body: 'a'.repeat(5001) }
		});
		expect(tooLong.status).toBe(422);
		expect(await tooLong.json()).toMatchObject({
			error: { code: 'validation_failed', fields: { body: expect.stringContaining('at most 5,000 characters') } }
		});
	});
});
