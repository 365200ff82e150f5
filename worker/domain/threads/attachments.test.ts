import { env } from 'cloudflare:workers';
import { and, count, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { files, messages, threads } from '../../../db/schema';
import { DEMO_FILES, THREADS } from '../../dev/seed/ids';
import {
	ACME,
	DEMO,
	fixedClock,
	hosts,
	request,
	scopes,
	seed,
	sessionCookie,
	testServices
} from '../../../tests/helpers';
import { openThreadSocket, reachedSeq, ready } from '../../../tests/thread-sockets';
import { PDF_BYTES, PNG_BYTES, streamOf } from '../files/test-support';
import type { Scope } from '../scope';
import { newId } from '../../services/ids';
import { MAX_ATTACHMENTS, PENDING_ATTACHMENT_TTL_MS } from './model';
import { openAttachment } from './open-attachment';
import { openThread } from './open-thread';
import { postMessage } from './post-message';
import { postMessageWithFiles } from './post-message-with-files';
import { removeStaleAttachments } from './remove-stale-attachments';
import { threadRoom } from './room';
import { uploadAttachment } from './upload-attachment';

const T = THREADS.designId;
const part = (name: string, bytes: Uint8Array, contentType = '') => ({
	name,
	contentType,
	size: bytes.byteLength,
	body: streamOf(bytes)
});
const attach = (scope: Scope, name: string, bytes: Uint8Array, threadId: string = T) =>
	uploadAttachment({ ...scope, threadId, input: part(name, bytes) });

async function setup() {
	const clock = fixedClock();
	const services = await seed(testServices({ clock }));
	return { services, clock, ...(await scopes(services)) };
}

/** Everything an attachment can leave behind: R2 objects, file rows, messages. */
async function stored(scope: Scope) {
	const db = scope.services.db;
	const [[f], [m]] = await Promise.all([
		db.select({ n: count() }).from(files),
		db.select({ n: count() }).from(messages)
	]);
	return { objects: (await env.FILES.list()).objects.length, files: f.n, messages: m.n };
}

describe('a message with attachments', () => {
	it('uploads each file pending, then the post takes them: shown with the message to both sides', async () => {
		const { casey, demoOwner, services, clock } = await setup();
		const image = await attach(casey, 'Sketch.png', PNG_BYTES);
		clock.advance(1000); // attachments are shown in the order they were uploaded
		const brief = await attach(casey, 'Brief.pdf', PDF_BYTES);
		expect(image).toEqual({
			id: expect.stringMatching(/^fil_/),
			name: 'Sketch.png',
			contentType: 'image/png',
			sizeBytes: PNG_BYTES.byteLength
		});
		// Pending: nobody can open it yet, not even its uploader.
		await expect(openAttachment({ ...casey, input: { threadId: T, fileId: image.id } })).rejects.toMatchObject({
			code: 'not_found'
		});

		const { message, created } = await postMessage({
			...casey,
			threadId: T,
			input: { body: 'Two files', attachmentIds: [image.id, brief.id] }
		});
		expect(created).toBe(true);
		expect(message.attachments.map((a) => a.name)).toEqual(['Sketch.png', 'Brief.pdf']);
		const rows = await services.db.select().from(files).where(eq(files.messageId, message.id));
		expect(rows).toHaveLength(2);
		for (const row of rows)
			expect(row).toMatchObject({
				threadId: T,
				projectId: DEMO.websiteProjectId,
				clientId: DEMO.northwindId,
				uploadedByContactId: DEMO.caseyContactId
			});

		for (const scope of [casey, demoOwner]) {
			const view = await openThread({ ...scope, threadId: T });
			expect(view.messages.at(-1)!.attachments.map((a) => a.id)).toEqual([image.id, brief.id]);
			const download = await openAttachment({ ...scope, input: { threadId: T, fileId: brief.id } });
			expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Brief.pdf"/);
			expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF_BYTES);
		}
		const preview = await openAttachment({ ...casey, input: { threadId: T, fileId: image.id, preview: true } });
		expect(preview.headers.get('content-type')).toBe('image/png');
		expect(preview.headers.get('content-disposition')).toMatch(/^inline;/);
		await preview.arrayBuffer();
		// Attachments are not project files: the Files tab does not list them.
		const listed = await services.db
			.select({ id: files.id })
			.from(files)
			.where(and(eq(files.projectId, DEMO.websiteProjectId), isNull(files.threadId)));
		expect(listed.map((f) => f.id)).not.toContain(image.id);
	});

	it('a message may be files only, but not empty; the text limit still applies', async () => {
		const { casey } = await setup();
		const only = await attach(casey, 'Only.pdf', PDF_BYTES);
		const { message } = await postMessage({ ...casey, threadId: T, input: { body: '  ', attachmentIds: only.id } });
		expect(message).toMatchObject({ body: '', attachments: [{ id: only.id }] });
		await expect(postMessage({ ...casey, threadId: T, input: { body: ' ' } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { body: 'Write a message first.' }
		});
	});

	it('a retried post (same clientMsgId) is stored once, with its files once', async () => {
		const { casey, services } = await setup();
		const file = await attach(casey, 'Once.pdf', PDF_BYTES);
		const input = { body: 'Retry me', clientMsgId: 'retry-attachments-1', attachmentIds: [file.id] };
		const first = await postMessage({ ...casey, threadId: T, input });
		const before = await stored(casey);
		const again = await Promise.all([1, 2, 3].map(() => postMessage({ ...casey, threadId: T, input })));
		for (const r of again)
			expect(r).toMatchObject({
				created: false,
				message: { id: first.message.id, seq: first.message.seq, attachments: [{ id: file.id }] }
			});
		expect(await stored(casey)).toEqual(before);
		const thread = await services.db.query.threads.findFirst({ where: eq(threads.id, T) });
		expect(thread?.lastSeq).toBe(first.message.seq);
	});

	it("refuses another person's, another thread's, an already sent or an unknown attachment, storing nothing", async () => {
		const { casey, demoOwner, services } = await setup();
		const staffFile = await attach(demoOwner, 'Staff.pdf', PDF_BYTES);
		const otherThread = await attach(casey, 'Content.pdf', PDF_BYTES, THREADS.contentId);
		const sent = await attach(casey, 'Sent.pdf', PDF_BYTES);
		await postMessage({ ...casey, threadId: T, input: { body: 'First', attachmentIds: [sent.id] } });
		const before = await stored(casey);
		for (const id of [staffFile.id, otherThread.id, sent.id, 'fil_doesnotexist', DEMO_FILES.websiteBrief]) {
			await expect(
				postMessage({ ...casey, threadId: T, input: { body: 'Steal', attachmentIds: [id] } }),
				id
			).rejects.toMatchObject({
				code: 'validation_failed',
				fields: { attachments: expect.stringContaining('no longer available') }
			});
		}
		await expect(
			postMessage({
				...casey,
				threadId: T,
				input: { body: 'Too many', attachmentIds: Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => `fil_x${i}`) }
			})
		).rejects.toMatchObject({ code: 'validation_failed' });
		expect(await stored(casey)).toEqual(before);
		expect((await services.db.query.files.findFirst({ where: eq(files.id, staffFile.id) }))?.messageId).toBeNull();
	});

	it('the room re-checks in its batch: an attachment gone since the check rolls the whole post back', async () => {
		const { casey, services } = await setup();
		const before = await stored(casey);
		const thread = await services.db.query.threads.findFirst({ where: eq(threads.id, T) });
		const now = services.clock.now();
		expect(
			await threadRoom(services, T).post({
				id: newId('msg'),
				threadId: T,
				workspaceId: DEMO.workspaceId,
				clientId: DEMO.northwindId,
				authorKind: 'client',
				authorId: DEMO.caseyContactId,
				authorName: 'Casey Client',
				body: 'Raced',
				internal: false,
				clientMsgId: 'raced-attachment-1',
				createdAt: now,
				notify: { audience: 'staff', dueAt: now },
				attachmentIds: ['fil_gone']
			})
		).toMatchObject({ attachmentsGone: true });
		expect(await stored(casey)).toEqual(before);
		expect((await services.db.query.threads.findFirst({ where: eq(threads.id, T) }))?.lastSeq).toBe(thread?.lastSeq);
	});

	it('applies the upload limits of project files', async () => {
		const { casey, services } = await setup();
		const before = await stored(casey);
		const small = { ...casey, services: { ...services, config: { ...services.config, maxUploadBytes: 20 } } };
		await expect(attach(small, 'Big.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'payload_too_large' });
		await expect(attach(casey, 'page.html', new TextEncoder().encode('<script></script>'))).rejects.toMatchObject({
			code: 'unsupported_media_type'
		});
		await expect(attach(casey, 'fake.png', PDF_BYTES)).rejects.toMatchObject({ code: 'unsupported_media_type' });
		expect(await stored(casey)).toEqual(before);
	});
});

describe('who may open an attachment', () => {
	it("a client never gets an internal note's attachment, another client's, another workspace's, or one by a wrong path", async () => {
		const { casey, oscar, acmeClient, acmeOwner, demoOwner, anonymousDemo } = await setup();
		const staffOnly = await openAttachment({
			...demoOwner,
			input: { threadId: T, fileId: DEMO_FILES.designLicenceQuote }
		});
		expect(staffOnly.status).toBe(200);
		await staffOnly.arrayBuffer();
		const denied: [Scope, { threadId: string; fileId: string; projectId?: string }][] = [
			[casey, { threadId: T, fileId: DEMO_FILES.designLicenceQuote }],
			[oscar, { threadId: T, fileId: DEMO_FILES.designHeroReference }],
			[acmeClient, { threadId: T, fileId: DEMO_FILES.designHeroReference }],
			[acmeOwner, { threadId: T, fileId: DEMO_FILES.designV2 }],
			[casey, { threadId: THREADS.contentId, fileId: DEMO_FILES.designHeroReference }],
			[casey, { threadId: T, fileId: DEMO_FILES.designHeroReference, projectId: DEMO.brandProjectId }],
			// A project file is not an attachment, and an attachment is not a project file.
			[casey, { threadId: T, fileId: DEMO_FILES.websiteBrief }]
		];
		for (const [scope, input] of denied)
			await expect(openAttachment({ ...scope, input }), JSON.stringify(input)).rejects.toMatchObject({
				code: 'not_found'
			});
		await expect(
			openAttachment({ ...anonymousDemo, input: { threadId: T, fileId: DEMO_FILES.designV2 } })
		).rejects.toMatchObject({ code: 'unauthenticated' });
		const own = await openAttachment({ ...casey, input: { threadId: T, fileId: DEMO_FILES.designV2 } });
		await own.arrayBuffer();
		void ACME;
	});

	it("an internal note's attachments never reach the client: not on the page, not over the socket", async () => {
		const { casey, demoOwner, services } = await setup();
		const view = await openThread({ ...casey, threadId: T });
		expect(view.messages.flatMap((m) => m.attachments.map((a) => a.id)).sort()).toEqual(
			[DEMO_FILES.designHeroReference, DEMO_FILES.designV2].sort()
		);

		const clientCookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const staffCookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const client = (await openThreadSocket(hosts.demo, T, { cookie: clientCookie, after: 6 })).socket!;
		const staff = (await openThreadSocket(hosts.dashboard, T, { cookie: staffCookie, after: 6 })).socket!;
		await Promise.all([client.until(ready), staff.until(ready)]);

		const note = await attach(demoOwner, 'Costing.pdf', PDF_BYTES);
		await postMessage({
			...demoOwner,
			threadId: T,
			input: { body: 'Internal costing', internal: true, attachmentIds: [note.id] }
		});
		const shared = await attach(demoOwner, 'Mockup.png', PNG_BYTES);
		await postMessage({ ...demoOwner, threadId: T, input: { body: 'For you', attachmentIds: [shared.id] } });

		await staff.until(reachedSeq(8));
		await client.until(reachedSeq(8));
		expect(staff.messages().map((m) => [m.seq, m.attachments.map((a) => a.name)])).toEqual([
			[7, ['Costing.pdf']],
			[8, ['Mockup.png']]
		]);
		expect(client.messages().map((m) => [m.seq, m.attachments])).toEqual([
			[8, [{ id: shared.id, name: 'Mockup.png', contentType: 'image/png', sizeBytes: PNG_BYTES.byteLength }]]
		]);
		await expect(openAttachment({ ...casey, input: { threadId: T, fileId: note.id } })).rejects.toMatchObject({
			code: 'not_found'
		});

		// Catching up after a reconnect: the same rule.
		const later = (await openThreadSocket(hosts.demo, T, { cookie: clientCookie, after: 5 })).socket!;
		await later.until(ready);
		expect(later.messages().map((m) => [m.seq, m.attachments.map((a) => a.name)])).toEqual([
			[6, ['Homepage v2.pdf']],
			[8, ['Mockup.png']]
		]);
		for (const s of [client, staff, later]) s.ws.close(1000);
	});
});

describe('no orphans', () => {
	it('the cron removes attachments never sent after a day (rows and bytes), and nothing else', async () => {
		const { casey, clock, services } = await setup();
		const orphan = await attach(casey, 'Forgotten.pdf', PDF_BYTES);
		const sent = await attach(casey, 'Sent.pdf', PDF_BYTES);
		await postMessage({ ...casey, threadId: T, input: { body: 'With a file', attachmentIds: [sent.id] } });
		clock.advance(PENDING_ATTACHMENT_TTL_MS - 60_000);
		const fresh = await attach(casey, 'Fresh.pdf', PDF_BYTES);
		expect(await removeStaleAttachments({ services })).toBe(0);

		clock.advance(120_000);
		expect(await removeStaleAttachments({ services })).toBe(1);
		expect(await services.db.query.files.findFirst({ where: eq(files.id, orphan.id) })).toBeUndefined();
		expect(await env.FILES.head(`${DEMO.workspaceId}/files/${orphan.id}`)).toBeNull();
		for (const kept of [sent, fresh])
			expect(await env.FILES.head(`${DEMO.workspaceId}/files/${kept.id}`)).not.toBeNull();
		// The message that needed it can no longer take it.
		await expect(
			postMessage({ ...casey, threadId: T, input: { body: 'Too late', attachmentIds: [orphan.id] } })
		).rejects.toMatchObject({ code: 'validation_failed' });
	});

	it('a message and its files in one form: all or nothing, and a resubmitted form is stored once', async () => {
		const { casey } = await setup();
		const before = await stored(casey);
		await expect(
			postMessageWithFiles({
				...casey,
				threadId: T,
				input: { body: 'Two files', clientMsgId: 'form-post-1' },
				files: [part('Good.pdf', PDF_BYTES), part('bad.exe', new Uint8Array([0x4d, 0x5a]))]
			})
		).rejects.toMatchObject({
			code: 'unsupported_media_type',
			fields: { attachments: expect.stringMatching(/^bad\.exe: /) }
		});
		await expect(
			postMessageWithFiles({
				...casey,
				threadId: T,
				input: { body: 'x'.repeat(6000), clientMsgId: 'form-post-2' },
				files: [part('Good.pdf', PDF_BYTES)]
			})
		).rejects.toMatchObject({
			code: 'validation_failed'
		});
		expect(await stored(casey)).toEqual(before);

		const first = await postMessageWithFiles({
			...casey,
			threadId: T,
			input: { body: 'Here', clientMsgId: 'form-post-3' },
			files: [part('A.pdf', PDF_BYTES), part('B.png', PNG_BYTES)]
		});
		expect(first.created).toBe(true);
		const afterFirst = await stored(casey);
		expect(afterFirst).toEqual({ objects: before.objects + 2, files: before.files + 2, messages: before.messages + 1 });
		const again = await postMessageWithFiles({
			...casey,
			threadId: T,
			input: { body: 'Here', clientMsgId: 'form-post-3' },
			files: [part('A.pdf', PDF_BYTES), part('B.png', PNG_BYTES)]
		});
		expect(again).toEqual({ created: false, message: { seq: first.message.seq } });
		expect(await stored(casey)).toEqual(afterFirst);
	});
});

describe('over HTTP', () => {
	it('uploads an attachment to the API and posts it; a thread out of reach is 404 and stores nothing', async () => {
		const { services, casey } = await setup();
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
		const send = (who: string, threadId: string) =>
			request(hosts.demo, `/api/threads/${threadId}/attachments?name=Plan.pdf`, {
				method: 'POST',
				cookie: who,
				body: PDF_BYTES,
				headers: { 'content-type': 'application/pdf', 'content-length': String(PDF_BYTES.byteLength) }
			});
		const before = await stored(casey);
		for (const [who, threadId] of [
			[oscar, T],
			[cookie, THREADS.pricingInternalId],
			[cookie, THREADS.globexId],
			[cookie, THREADS.acmeId]
		] as const) {
			expect((await send(who, threadId)).status, threadId).toBe(404);
		}
		expect(await stored(casey)).toEqual(before);

		const up = await send(cookie, T);
		expect(up.status).toBe(201);
		const { attachment } = (await up.json()) as { attachment: { id: string } };
		const post = await request(hosts.demo, `/api/threads/${T}/messages`, {
			method: 'POST',
			cookie,
			json: { body: 'See plan', attachmentIds: [attachment.id] }
		});
		expect(post.status).toBe(201);
		const download = await request(hosts.demo, `/api/threads/${T}/attachments/${attachment.id}`, { cookie });
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
		await download.arrayBuffer();
		const page = await request(
			hosts.demo,
			`/projects/${DEMO.websiteProjectId}/messages/${T}/attachments/${attachment.id}/preview`,
			{ cookie }
		);
		expect(page.headers.get('content-type')).toBe('application/pdf');
		expect(page.headers.get('content-disposition')).toMatch(/^inline;/);
		await page.arrayBuffer();
		expect(
			(
				await request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages/${T}/attachments/${attachment.id}`, {
					cookie: oscar
				})
			).status
		).toBe(404);
	});

	it('the thread page takes a message with files as a plain multipart form (no JavaScript)', async () => {
		const { services } = await setup();
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const form = new FormData();
		form.append('body', 'Files without JavaScript');
		form.append('clientMsgId', 'nojs-form-0001');
		form.append('attachments', new File([PDF_BYTES], 'No JS.pdf', { type: 'application/pdf' }));
		form.append('attachments', new File([PNG_BYTES], 'No JS.png', { type: 'image/png' }));
		const body = new Request('http://x', { method: 'POST', body: form });
		const bytes = await body.arrayBuffer();
		const post = () =>
			request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages/${T}?/post`, {
				method: 'POST',
				cookie,
				body: bytes,
				headers: { 'content-type': body.headers.get('content-type')!, accept: 'text/html' }
			});
		const res = await post();
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/projects/${DEMO.websiteProjectId}/messages/${T}#m-7`);
		const again = await post();
		expect(again.headers.get('location')).toBe(`/projects/${DEMO.websiteProjectId}/messages/${T}#m-7`);
		const stored7 = await services.db
			.select()
			.from(messages)
			.where(and(eq(messages.threadId, T), eq(messages.clientMsgId, 'nojs-form-0001')));
		expect(stored7).toHaveLength(1);
		expect(
			(await services.db.select().from(files).where(eq(files.messageId, stored7[0].id))).map((f) => f.name).sort()
		).toEqual(['No JS.pdf', 'No JS.png']);
		const html = await (
			await request(hosts.demo, `/projects/${DEMO.websiteProjectId}/messages/${T}`, { cookie })
		).text();
		expect(html).toContain('No JS.pdf');
		expect(html).not.toContain('Photo licence quote.pdf');
	});
});
