import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, files, memberships } from '../../../db/schema';
import { DEMO_FILES } from '../../dev/seed/ids';
import { DEMO, emailsTo, fixedClock, scopes, seed, testServices } from '../../../tests/helpers';
import { NOTIFY_BATCH_MS } from '../threads/model';
import { deleteFile } from './delete-file';
import { CLIENT_DELETE_WINDOW_MS } from './file-display';
import type { ClientFile } from './file-views';
import { listProjectFiles, type StaffProjectFiles } from './list-project-files';
import { notifyClientUploads } from './notify-client-uploads';
import { openFileDownload } from './open-file-download';
import { setFileVisibility } from './set-file-visibility';
import { PDF_BYTES, PNG_BYTES, storedState, streamOf, upload } from './test-support';
import { uploadFile } from './upload-file';
import { uploadFiles } from './upload-files';

const W = DEMO.websiteProjectId;

async function setup() {
	const clock = fixedClock();
	const services = await seed(testServices({ clock }));
	return { services, clock, ...(await scopes(services)) };
}

const part = (name: string, bytes: Uint8Array, contentType = '') => ({
	name,
	contentType,
	size: bytes.byteLength,
	body: streamOf(bytes)
});

describe('a client uploads to their project', () => {
	it('stores it visible to them and to staff, marked as theirs, with an activity entry', async () => {
		const { casey, demoOwner, services } = await setup();
		const file = await upload(casey, W, 'Our logo.png', PNG_BYTES, { contentType: 'image/png' });
		expect(file).toMatchObject({
			name: 'Our logo.png',
			clientVisible: true,
			fromClient: true,
			uploadedBy: 'Casey Client'
		});
		const row = await services.db.query.files.findFirst({ where: eq(files.id, file.id) });
		expect(row).toMatchObject({
			uploadedByContactId: DEMO.caseyContactId,
			uploadedByUserId: null,
			clientVisible: true,
			threadId: null,
			messageId: null,
			staffNotifiedAt: null
		});

		const staffView = await listProjectFiles({ ...demoOwner, input: { projectId: W } });
		expect(staffView.files.items.find((f) => f.id === file.id)).toMatchObject({
			fromClient: true,
			uploadedBy: 'Casey Client',
			clientVisible: true
		});
		const clientView = await listProjectFiles({ ...casey, input: { projectId: W } });
		expect(clientView.files.items.find((f) => f.id === file.id)).toMatchObject({
			fromClient: true,
			uploadedBy: 'Casey Client',
			mine: true
		});
		const download = await openFileDownload({ ...casey, input: { fileId: file.id } });
		expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG_BYTES);

		const feed = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.subjectId, file.id), eq(activity.verb, 'file.uploaded')));
		expect(feed).toMatchObject([
			{
				actorKind: 'client',
				actorName: 'Casey Client',
				summary: 'Casey Client uploaded Our logo.png',
				clientId: DEMO.northwindId
			}
		]);
	});

	it('applies the same limits as staff uploads: size, type, content', async () => {
		const { casey, services } = await setup();
		const before = await storedState(casey);
		const small = { ...casey, services: { ...services, config: { ...services.config, maxUploadBytes: 20 } } };
		await expect(upload(small, W, 'brief.pdf', PDF_BYTES)).rejects.toMatchObject({ code: 'payload_too_large' });
		await expect(upload(casey, W, 'run.exe', new Uint8Array([0x4d, 0x5a]))).rejects.toMatchObject({
			code: 'unsupported_media_type'
		});
		await expect(upload(casey, W, 'photo.jpg', PNG_BYTES)).rejects.toMatchObject({
			code: 'unsupported_media_type',
			fields: { file: expect.stringContaining('does not look like a JPEG image') }
		});
		expect(await storedState(casey)).toEqual(before);
	});

	it('lets the client delete their own upload within the hour, never later, never someone else’s', async () => {
		const { casey, clock, services } = await setup();
		const mine = await upload(casey, W, 'Wrong file.pdf', PDF_BYTES);
		const late = await upload(casey, W, 'Kept.pdf', PDF_BYTES);
		const key = `${DEMO.workspaceId}/files/${mine.id}`;
		await deleteFile({ ...casey, input: { fileId: mine.id } });
		expect(await env.FILES.head(key)).toBeNull();
		expect(await services.db.query.files.findFirst({ where: eq(files.id, mine.id) })).toBeUndefined();
		expect(
			await services.db
				.select()
				.from(activity)
				.where(and(eq(activity.subjectId, mine.id), eq(activity.verb, 'file.deleted')))
		).toHaveLength(1);

		clock.advance(CLIENT_DELETE_WINDOW_MS + 1000);
		const listed = await listProjectFiles({ ...casey, input: { projectId: W } });
		expect((listed.files.items as ClientFile[]).find((f) => f.id === late.id)?.deletableUntil).toBeNull();
		await expect(deleteFile({ ...casey, input: { fileId: late.id } })).rejects.toMatchObject({ code: 'conflict' });
		expect(await services.db.query.files.findFirst({ where: eq(files.id, late.id) })).toBeDefined();
		expect(
			await services.db
				.select()
				.from(activity)
				.where(and(eq(activity.subjectId, late.id), eq(activity.verb, 'file.deleted')))
		).toHaveLength(0);
		// A file the agency shared, or another contact's, is not theirs to delete.
		await expect(deleteFile({ ...casey, input: { fileId: DEMO_FILES.websiteBrief } })).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('stays visible to the client: staff cannot make it internal', async () => {
		const { casey, demoOwner } = await setup();
		const file = await upload(casey, W, 'Ours.pdf', PDF_BYTES);
		await expect(setFileVisibility({ ...demoOwner, input: { fileId: file.id, visible: false } })).rejects.toMatchObject(
			{ code: 'conflict' }
		);
		expect((await listProjectFiles({ ...casey, input: { projectId: W } })).files.items.map((f) => f.id)).toContain(
			file.id
		);
	});
});

describe('staff choose per upload whether the client sees it, and the choice is remembered', () => {
	it('stores the choice on the file and on their membership, offered again next time', async () => {
		const { demoOwner, casey, services } = await setup();
		const prefOf = async () =>
			((await listProjectFiles({ ...demoOwner, input: { projectId: W } })) as StaffProjectFiles).uploadDefaults
				.clientVisible;
		expect(await prefOf()).toBe(false);

		const shared = await uploadFile({
			...demoOwner,
			input: { projectId: W, clientVisible: 'true', ...part('Shared.pdf', PDF_BYTES) }
		});
		expect(shared.clientVisible).toBe(true);
		expect(await prefOf()).toBe(true);
		expect((await listProjectFiles({ ...casey, input: { projectId: W } })).files.items.map((f) => f.id)).toContain(
			shared.id
		);

		// Without a choice (the API default) a file is internal and the remembered choice stays.
		const plain = await upload(demoOwner, W, 'Plain.pdf', PDF_BYTES);
		expect(plain.clientVisible).toBe(false);
		expect(await prefOf()).toBe(true);

		await uploadFile({
			...demoOwner,
			input: { projectId: W, clientVisible: 'false', ...part('Internal.pdf', PDF_BYTES) }
		});
		expect(await prefOf()).toBe(false);
		// Per member: the other teammate's choice is untouched.
		const max = await services.db.query.memberships.findFirst({
			where: and(eq(memberships.workspaceId, DEMO.workspaceId), eq(memberships.userId, DEMO.memberUserId))
		});
		expect(max?.uploadClientVisible).toBe(false);
		await expect(
			uploadFile({ ...demoOwner, input: { projectId: W, clientVisible: 'maybe', ...part('X.pdf', PDF_BYTES) } })
		).rejects.toMatchObject({ code: 'validation_failed' });
	});
});

describe('several files at once', () => {
	it('stores every good file whole, reports each refused one by name, and half-stores nothing', async () => {
		const { casey, services } = await setup();
		const before = await storedState(casey);
		const result = await uploadFiles({
			...casey,
			input: {
				projectId: W,
				files: [
					part('One.pdf', PDF_BYTES, 'application/pdf'),
					part('page.html', new TextEncoder().encode('<script>alert(1)</script>'), 'text/html'),
					part('Two.png', PNG_BYTES, 'image/png'),
					part('fake.png', PDF_BYTES, 'image/png'),
					part('empty.txt', new Uint8Array())
				]
			}
		});
		expect(result.uploaded.map((f) => f.name)).toEqual(['One.pdf', 'Two.png']);
		expect(result.failed).toEqual([
			{
				name: 'page.html',
				code: 'unsupported_media_type',
				message: expect.stringContaining('.html files cannot be uploaded')
			},
			{
				name: 'fake.png',
				code: 'unsupported_media_type',
				message: expect.stringContaining('does not look like a PNG image')
			},
			{ name: 'empty.txt', code: 'validation_failed', message: expect.stringContaining('empty') }
		]);
		// Exactly two more rows, two more blobs and two more activity entries: nothing of the refused ones.
		expect(await storedState(casey)).toEqual({
			objects: before.objects + 2,
			rows: before.rows + 2,
			activity: before.activity + 2
		});
		for (const f of result.uploaded) expect(await env.FILES.head(`${DEMO.workspaceId}/files/${f.id}`)).not.toBeNull();
		void services;
	});

	it('refuses the whole batch for a project out of scope, too many files or none, storing nothing', async () => {
		const { casey, oscar } = await setup();
		const before = await storedState(casey);
		await expect(
			uploadFiles({ ...oscar, input: { projectId: W, files: [part('a.pdf', PDF_BYTES)] } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(uploadFiles({ ...casey, input: { projectId: W, files: [] } })).rejects.toMatchObject({
			code: 'validation_failed'
		});
		await expect(
			uploadFiles({
				...casey,
				input: { projectId: W, files: Array.from({ length: 21 }, (_, i) => part(`${i}.pdf`, PDF_BYTES)) }
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { file: expect.stringContaining('at most 20 files') }
		});
		expect(await storedState(casey)).toEqual(before);
	});
});

describe('staff are emailed about client uploads, one email per project and burst', () => {
	it('waits for the burst, names every file, sends once, and skips deleted files', async () => {
		const { casey, clock, services } = await setup();
		const run = () => notifyClientUploads({ services });
		await upload(casey, W, 'Photo 1.png', PNG_BYTES);
		clock.advance(30_000);
		await upload(casey, W, 'Photo 2.png', PNG_BYTES);
		const oops = await upload(casey, W, 'Oops.pdf', PDF_BYTES);
		await deleteFile({ ...casey, input: { fileId: oops.id } });
		// A staff upload is never announced by this job.
		const { demoOwner } = await scopes(services);
		await upload(demoOwner, W, 'Staff.pdf', PDF_BYTES);

		expect(await run()).toBe(0);
		expect((await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.tag === 'client-upload')).toHaveLength(0);

		clock.advance(NOTIFY_BATCH_MS);
		expect(await Promise.all([run(), run(), run()])).toEqual(expect.arrayContaining([1, 0, 0]));
		for (const to of [DEMO.ownerEmail, DEMO.memberEmail]) {
			const mails = (await emailsTo(services, to)).filter((m) => m.tag === 'client-upload');
			expect(mails, to).toHaveLength(1);
			expect(mails[0].subject).toBe('Casey Client uploaded 2 files to Website redesign');
			expect(mails[0].text).toContain('Photo 1.png');
			expect(mails[0].text).toContain('Photo 2.png');
			expect(mails[0].text).not.toContain('Oops.pdf');
			expect(mails[0].text).not.toContain('Staff.pdf');
			expect(mails[0].text).toContain(`/projects/${W}/files`);
		}
		clock.advance(10 * NOTIFY_BATCH_MS);
		expect(await run()).toBe(0);
		expect((await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.tag === 'client-upload')).toHaveLength(1);
	});

	it('respects a member who switched the topic off', async () => {
		const { casey, clock, services } = await setup();
		await services.db
			.update(memberships)
			.set({ emailPrefs: { files: false } })
			.where(and(eq(memberships.workspaceId, DEMO.workspaceId), eq(memberships.userId, DEMO.memberUserId)));
		await upload(casey, W, 'Only one.pdf', PDF_BYTES);
		clock.advance(NOTIFY_BATCH_MS);
		expect(await notifyClientUploads({ services })).toBe(1);
		expect(
			(await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.tag === 'client-upload').map((m) => m.subject)
		).toEqual(['Casey Client uploaded Only one.pdf to Website redesign']);
		expect((await emailsTo(services, DEMO.memberEmail)).filter((m) => m.tag === 'client-upload')).toHaveLength(0);
	});
});
