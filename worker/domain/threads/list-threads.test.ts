import { describe, expect, it } from 'vitest';
import { THREADS } from '../../dev/seed/ids';
import { DEMO, scopes, seed, testServices } from '../../../tests/helpers';
import type { Scope } from '../scope';
import { createThread } from './create-thread';
import { listThreads } from './list-threads';
import { markThreadRead } from './mark-thread-read';
import { openThread } from './open-thread';
import { postMessage } from './post-message';

const unreadOf = async (scope: Scope, projectId = DEMO.websiteProjectId) =>
	Object.fromEntries((await listThreads({ ...scope, input: { projectId } })).items.map((t) => [t.id, t.unread]));

describe('thread lists and unread counts', () => {
	it('counts what each reader has not read, not their own messages, and never internal notes for a client', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		// From the demo data: Casey has not seen version 2; Olivia has not seen Casey's last messages.
		expect(await unreadOf(casey)).toEqual({ [THREADS.designId]: 1, [THREADS.contentId]: 0 });
		expect(await unreadOf(demoOwner)).toEqual({
			[THREADS.designId]: 1,
			[THREADS.contentId]: 1,
			[THREADS.pricingInternalId]: 0
		});

		await postMessage({ ...demoOwner, threadId: THREADS.designId, input: { body: 'internal only', internal: true } });
		await postMessage({ ...demoOwner, threadId: THREADS.designId, input: { body: 'for Casey' } });
		expect((await unreadOf(casey))[THREADS.designId]).toBe(2);
		expect((await unreadOf(demoOwner))[THREADS.designId]).toBe(1);

		await openThread({ ...casey, threadId: THREADS.designId });
		expect((await unreadOf(casey))[THREADS.designId]).toBe(0);

		await postMessage({ ...casey, threadId: THREADS.designId, input: { body: 'thanks!' } });
		expect((await unreadOf(casey))[THREADS.designId]).toBe(0);
		expect((await unreadOf(demoOwner))[THREADS.designId]).toBe(2);
		await markThreadRead({ ...demoOwner, threadId: THREADS.designId, input: { seq: 9 } });
		expect((await unreadOf(demoOwner))[THREADS.designId]).toBe(0);
		// The marker never moves back.
		await markThreadRead({ ...demoOwner, threadId: THREADS.designId, input: { seq: 2 } });
		expect((await unreadOf(demoOwner))[THREADS.designId]).toBe(0);
	});

	it('lists for a client only their client-visible threads, ordered by their latest visible message, without internal previews', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey, oscar } = await scopes(services);
		await postMessage({
			...demoOwner,
			threadId: THREADS.contentId,
			input: { body: 'secret internal preview', internal: true }
		});
		const forCasey = await listThreads({ ...casey, input: { projectId: DEMO.websiteProjectId } });
		expect(forCasey.items.map((t) => t.id)).toEqual([THREADS.contentId, THREADS.designId]);
		const content = forCasey.items[0];
		expect(content.lastSnippet).toBe('1999, and yes, please mention Rotterdam.');
		expect(content.messageCount).toBe(3);
		const forStaff = await listThreads({ ...demoOwner, input: { projectId: DEMO.websiteProjectId } });
		expect(forStaff.items.find((t) => t.id === THREADS.contentId)?.lastSnippet).toBe('secret internal preview');
		expect(forStaff.items.map((t) => t.id)).toContain(THREADS.pricingInternalId);

		await expect(listThreads({ ...oscar, input: { projectId: DEMO.websiteProjectId } })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('paginates', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		for (let i = 0; i < 3; i++)
			await createThread({
				...demoOwner,
				input: { projectId: DEMO.brandProjectId, title: `Thread ${i}`, body: `first message ${i}` }
			});
		const first = await listThreads({ ...demoOwner, input: { projectId: DEMO.brandProjectId, pageSize: '2' } });
		expect(first.items).toHaveLength(2);
		expect(first.hasNext).toBe(true);
		const second = await listThreads({
			...demoOwner,
			input: { projectId: DEMO.brandProjectId, pageSize: '2', page: '2' }
		});
		expect(second.items).toHaveLength(1);
		expect(second.hasNext).toBe(false);
	});
});

describe('starting a thread', () => {
	it('lets a client start one on their project with a first message, and refuses another client’s project', async () => {
		const services = await seed(testServices());
		const { casey, oscar, demoOwner } = await scopes(services);
		const { threadId, message } = await createThread({
			...casey,
			input: { projectId: DEMO.websiteProjectId, title: '  Launch date ', body: 'When do we go live?' }
		});
		expect(message.seq).toBe(1);
		const view = await openThread({ ...demoOwner, threadId });
		expect(view.thread.title).toBe('Launch date');
		expect(view.messages.map((m) => m.body)).toEqual(['When do we go live?']);
		await expect(
			createThread({ ...oscar, input: { projectId: DEMO.websiteProjectId, title: 'x', body: 'y' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			createThread({ ...casey, input: { projectId: DEMO.websiteProjectId, title: 'x', body: 'y', internal: 'on' } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			createThread({ ...casey, input: { projectId: DEMO.websiteProjectId, title: '', body: '' } })
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { title: 'Give the thread a title.', body: 'Write a message first.' }
		});
	});

	it('keeps a staff-only thread and its messages away from the client', async () => {
		const services = await seed(testServices());
		const { casey, demoOwner } = await scopes(services);
		const { threadId, message } = await createThread({
			...demoOwner,
			input: { projectId: DEMO.websiteProjectId, title: 'Margins', body: 'We are over budget', internal: 'on' }
		});
		expect(message.internal).toBe(true);
		expect(
			(await listThreads({ ...casey, input: { projectId: DEMO.websiteProjectId } })).items.map((t) => t.id)
		).not.toContain(threadId);
		await expect(openThread({ ...casey, threadId })).rejects.toMatchObject({ code: 'not_found' });
	});
});
