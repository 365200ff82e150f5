import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, files } from '../../../db/schema';
import { DEMO_FILES } from '../../dev/seed/ids';
import { ACME, DEMO, scopes, seed, testServices } from '../../../tests/helpers';
import { deleteFile } from './delete-file';
import { listProjectFiles } from './list-project-files';
import { openFileDownload } from './open-file-download';
import { renameFile } from './rename-file';
import { setFileVisibility } from './set-file-visibility';
import { PDF_BYTES, PNG_BYTES, storedState, streamOf, upload, withMaxUpload } from './test-support';
import { uploadFile } from './upload-file';

const W = DEMO.websiteProjectId;

async function setup() {
	const services = await seed(testServices());
	return { services, ...(await scopes(services)) };
}

describe('uploading files', () => {
	it('streams the bytes to R2 and records an internal file with a clean name, our content type and an activity entry', async () => {
		const { demoOwner, services } = await setup();
		const file = await upload(demoOwner, W, '../../Sketch\u202E v1.png', PNG_BYTES, { contentType: 'image/png' });
		expect(file).toMatchObject({
			name: 'Sketch v1.png',
			contentType: 'image/png',
			sizeBytes: PNG_BYTES.byteLength,
			clientVisible: false,
			uploadedBy: 'Olivia Owner'
		});
		const row = await services.db.query.files.findFirst({ where: eq(files.id, file.id) });
		expect(row).toMatchObject({
			workspaceId: DEMO.workspaceId,
			clientId: DEMO.northwindId,
			projectId: W,
			clientVisible: false
		});
		expect(row!.storageKey).toBe(`${DEMO.workspaceId}/files/${file.id}`);
		const object = await env.FILES.get(row!.storageKey);
		expect(new Uint8Array(await object!.arrayBuffer())).toEqual(PNG_BYTES);
		const feed = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.subjectId, file.id), eq(activity.verb, 'file.uploaded')));
		expect(feed).toHaveLength(1);
		expect(feed[0]).toMatchObject({ projectId: W, clientId: DEMO.northwindId, actorName: 'Olivia Owner' });
	});

	it('refuses a file over the configured size limit before reading it, and stores nothing', async () => {
		const { demoOwner } = await setup();
		const before = await storedState(demoOwner);
		const small = withMaxUpload(demoOwner, 20);
		await expect(upload(small, W, 'brief.pdf', PDF_BYTES)).rejects.toMatchObject({
			code: 'payload_too_large',
			fields: { file: expect.stringMatching(/is \d+ bytes; the largest file you can upload is 20 bytes/) }
		});
		expect(await storedState(demoOwner)).toEqual(before);
	});

	it('refuses an empty file, a disallowed type, a mismatched claim and disguised content, storing nothing', async () => {
		const { demoOwner } = await setup();
		const before = await storedState(demoOwner);
		await expect(upload(demoOwner, W, 'empty.pdf', new Uint8Array())).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { file: expect.stringContaining('empty') }
		});
		await expect(
			upload(demoOwner, W, 'page.html', new TextEncoder().encode('<script>alert(1)</script>'), {
				contentType: 'text/html'
			})
		).rejects.toMatchObject({
			code: 'unsupported_media_type',
			fields: { file: expect.stringContaining('.html files cannot be uploaded') }
		});
		await expect(upload(demoOwner, W, 'tool.exe', new Uint8Array([0x4d, 0x5a]))).rejects.toMatchObject({
			code: 'unsupported_media_type'
		});
		await expect(upload(demoOwner, W, 'photo.png', PNG_BYTES, { contentType: 'text/html' })).rejects.toMatchObject({
			code: 'unsupported_media_type'
		});
		await expect(
			upload(demoOwner, W, 'invoice.pdf', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]))
		).rejects.toMatchObject({
			code: 'unsupported_media_type',
			fields: { file: expect.stringContaining('does not look like a PDF') }
		});
		await expect(upload(demoOwner, W, '\u0000/..', PDF_BYTES)).rejects.toMatchObject({ code: 'validation_failed' });
		expect(await storedState(demoOwner)).toEqual(before);
	});

	it('fails, storing nothing, when the body is shorter or longer than announced', async () => {
		const { demoOwner } = await setup();
		const before = await storedState(demoOwner);
		await expect(
			upload(demoOwner, W, 'short.pdf', PDF_BYTES, { size: PDF_BYTES.byteLength + 10 })
		).rejects.toMatchObject({ code: 'bad_request' });
		await expect(
			upload(demoOwner, W, 'long.pdf', PDF_BYTES, { size: PDF_BYTES.byteLength - 10 })
		).rejects.toMatchObject({ code: 'bad_request' });
		expect(await storedState(demoOwner)).toEqual(before);
	});

	it('only lets members upload, and only to projects in their scope (a client: their own company)', async () => {
		const { casey, oscar, acmeOwner, acmeClient, anonymousDemo } = await setup();
		const before = await storedState(casey);
		await expect(upload(oscar, W, 'a.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'not_found' });
		await expect(upload(acmeClient, W, 'a.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'not_found' });
		await expect(upload(casey, DEMO.globexProjectId, 'a.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'not_found' });
		await expect(upload(anonymousDemo, W, 'a.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'unauthenticated' });
		await expect(upload(acmeOwner, W, 'a.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			uploadFile({ ...acmeOwner, input: { projectId: W, name: 'a.pdf', size: 3, body: null } })
		).rejects.toMatchObject({ code: 'bad_request' });
		expect(await storedState(casey)).toEqual(before);
	});
});

describe('what clients see', () => {
	it('lists only the client-visible files of their own project, without staff-only fields', async () => {
		const { casey, demoOwner } = await setup();
		const staff = await listProjectFiles({ ...demoOwner, input: { projectId: W } });
		expect(staff.files.items.map((f) => f.name).sort()).toEqual([
			'Homepage mockup.png',
			'Internal notes.txt',
			'Project brief.pdf'
		]);
		const client = await listProjectFiles({ ...casey, input: { projectId: W } });
		expect(client.files.items.map((f) => f.name).sort()).toEqual(['Homepage mockup.png', 'Project brief.pdf']);
		expect(client.total).toBe(2);
		for (const f of client.files.items)
			expect(Object.keys(f).sort()).toEqual([
				'contentType',
				'createdAt',
				'deletableUntil',
				'fromClient',
				'id',
				'mine',
				'name',
				'projectId',
				'sizeBytes',
				'uploadedBy'
			]);
		// Nothing about who on the team uploaded a shared file.
		for (const f of client.files.items)
			expect(f).toMatchObject({ fromClient: false, uploadedBy: null, mine: false, deletableUntil: null });
	});

	it('never lists or serves an internal file, including one made internal after being shared', async () => {
		const { casey, demoOwner } = await setup();
		await expect(
			openFileDownload({ ...casey, input: { fileId: DEMO_FILES.websiteInternalNotes } })
		).rejects.toMatchObject({ code: 'not_found' });
		const shared = await openFileDownload({ ...casey, input: { fileId: DEMO_FILES.websiteBrief } });
		expect(shared.status).toBe(200);
		await shared.arrayBuffer();

		await setFileVisibility({ ...demoOwner, input: { fileId: DEMO_FILES.websiteBrief, visible: false } });
		await expect(openFileDownload({ ...casey, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject({
			code: 'not_found'
		});
		const after = await listProjectFiles({ ...casey, input: { projectId: W } });
		expect(after.files.items.map((f) => f.id)).toEqual([DEMO_FILES.websiteMockup]);

		const uploaded = await upload(demoOwner, W, 'new.pdf', PDF_BYTES);
		await expect(openFileDownload({ ...casey, input: { fileId: uploaded.id } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await setFileVisibility({ ...demoOwner, input: { fileId: uploaded.id, visible: 'on' } });
		const now = await openFileDownload({ ...casey, input: { fileId: uploaded.id } });
		expect(new Uint8Array(await now.arrayBuffer())).toEqual(PDF_BYTES);
	});

	it("cannot reach another client's or another workspace's files by guessing ids", async () => {
		const { casey, oscar, acmeClient, acmeOwner, anonymousDemo } = await setup();
		for (const fileId of [DEMO_FILES.globexSpec, DEMO_FILES.globexInternal, DEMO_FILES.acmeRouteMap]) {
			await expect(openFileDownload({ ...casey, input: { fileId } })).rejects.toMatchObject({ code: 'not_found' });
		}
		await expect(openFileDownload({ ...oscar, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(openFileDownload({ ...acmeClient, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject(
			{ code: 'not_found' }
		);
		await expect(
			openFileDownload({ ...acmeOwner, input: { fileId: DEMO_FILES.websiteInternalNotes } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			openFileDownload({ ...anonymousDemo, input: { fileId: DEMO_FILES.websiteBrief } })
		).rejects.toMatchObject({ code: 'unauthenticated' });
		await expect(listProjectFiles({ ...casey, input: { projectId: DEMO.globexProjectId } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(listProjectFiles({ ...acmeOwner, input: { projectId: W } })).rejects.toMatchObject({
			code: 'not_found'
		});
		// A file id under the wrong project is not found either.
		await expect(
			openFileDownload({ ...casey, input: { fileId: DEMO_FILES.websiteBrief, projectId: DEMO.brandProjectId } })
		).rejects.toMatchObject({ code: 'not_found' });
		const ownAcme = await openFileDownload({ ...acmeClient, input: { fileId: DEMO_FILES.acmeRouteMap } });
		expect(ownAcme.headers.get('content-type')).toBe('image/png');
		await ownAcme.arrayBuffer();
	});

	it("cannot change staff's files", async () => {
		const { casey } = await setup();
		await expect(
			setFileVisibility({ ...casey, input: { fileId: DEMO_FILES.websiteInternalNotes, visible: true } })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(renameFile({ ...casey, input: { fileId: DEMO_FILES.websiteBrief, name: 'x' } })).rejects.toMatchObject(
			{ code: 'forbidden' }
		);
		await expect(deleteFile({ ...casey, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});

describe('managing files', () => {
	it('renames with the same sanitising, keeping the extension, and logs it', async () => {
		const { demoOwner, services } = await setup();
		const out = await renameFile({
			...demoOwner,
			input: { fileId: DEMO_FILES.websiteBrief, name: '../Final brief\u0007.html' }
		});
		expect(out.name).toBe('Final brief.html.pdf');
		const feed = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.subjectId, DEMO_FILES.websiteBrief), eq(activity.verb, 'file.renamed')));
		expect(feed.map((a) => a.summary)).toEqual(['Renamed Project brief.pdf to Final brief.html.pdf']);
		await expect(
			renameFile({ ...demoOwner, input: { fileId: DEMO_FILES.websiteBrief, name: '  ' } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { name: expect.any(String) } });
		await expect(
			renameFile({ ...demoOwner, input: { fileId: DEMO_FILES.acmeRouteMap, name: 'x' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('logs a visibility change once, and not at all when nothing changes', async () => {
		const { demoOwner, services } = await setup();
		const changes = () =>
			services.db
				.select()
				.from(activity)
				.where(
					and(eq(activity.subjectId, DEMO_FILES.websiteInternalNotes), eq(activity.verb, 'file.visibility_changed'))
				);
		await setFileVisibility({ ...demoOwner, input: { fileId: DEMO_FILES.websiteInternalNotes, visible: false } });
		expect(await changes()).toHaveLength(0);
		await Promise.all(
			[1, 2, 3].map(() =>
				setFileVisibility({ ...demoOwner, input: { fileId: DEMO_FILES.websiteInternalNotes, visible: true } })
			)
		);
		expect((await changes()).map((a) => a.summary)).toEqual(['Shared Internal notes.txt with the client']);
		await expect(
			setFileVisibility({ ...demoOwner, input: { fileId: DEMO_FILES.websiteInternalNotes, visible: 'maybe' } })
		).rejects.toMatchObject({ code: 'validation_failed' });
	});

	it('deletes the row and the R2 object, logs it, and the file is gone for everyone', async () => {
		const { demoOwner, casey, services } = await setup();
		const row = await services.db.query.files.findFirst({ where: eq(files.id, DEMO_FILES.websiteBrief) });
		expect(await env.FILES.head(row!.storageKey)).not.toBeNull();
		await deleteFile({ ...demoOwner, input: { fileId: DEMO_FILES.websiteBrief } });
		expect(await env.FILES.head(row!.storageKey)).toBeNull();
		expect(await services.db.query.files.findFirst({ where: eq(files.id, DEMO_FILES.websiteBrief) })).toBeUndefined();
		expect(
			await services.db
				.select()
				.from(activity)
				.where(and(eq(activity.subjectId, DEMO_FILES.websiteBrief), eq(activity.verb, 'file.deleted')))
		).toHaveLength(1);
		await expect(openFileDownload({ ...casey, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(deleteFile({ ...demoOwner, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it("pages through a project's files, newest first", async () => {
		const { demoOwner } = await setup();
		const first = await listProjectFiles({ ...demoOwner, input: { projectId: W, page: 1, pageSize: 2 } });
		expect(first.files.items.map((f) => f.id)).toEqual([DEMO_FILES.websiteInternalNotes, DEMO_FILES.websiteMockup]);
		expect(first.files).toMatchObject({ hasNext: true, hasPrevious: false });
		expect(first.total).toBe(3);
		const second = await listProjectFiles({ ...demoOwner, input: { projectId: W, page: 2, pageSize: 2 } });
		expect(second.files.items.map((f) => f.id)).toEqual([DEMO_FILES.websiteBrief]);
		expect(second.files).toMatchObject({ hasNext: false, hasPrevious: true });
	});

	it('reads the stream only as far as needed to check the type before refusing', async () => {
		const { demoOwner } = await setup();
		let pulled = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(
					pulled === 1 ? new Uint8Array([0x4d, 0x5a, ...new Array(5000).fill(0)]) : new Uint8Array(64 * 1024)
				);
				if (pulled > 100) controller.close();
			}
		});
		await expect(
			uploadFile({ ...demoOwner, input: { projectId: W, name: 'fake.pdf', size: 5000 + 2 + 100 * 64 * 1024, body } })
		).rejects.toMatchObject({ code: 'unsupported_media_type' });
		expect(pulled).toBeLessThanOrEqual(2);
	});
});

describe('streamOf helper', () => {
	it('is a real stream', async () => {
		expect(new Uint8Array(await new Response(streamOf(PDF_BYTES)).arrayBuffer())).toEqual(PDF_BYTES);
	});
});

void ACME;
