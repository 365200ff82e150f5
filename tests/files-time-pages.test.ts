import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { files, timeEntries } from '../db/schema';
import { DEMO_FILES } from '../worker/dev/seed/ids';
import { PDF_BYTES } from '../worker/domain/files/test-support';
import { DEMO, hosts, inDays, request, seededWithCookies } from './helpers';

const W = DEMO.websiteProjectId;

const setup = seededWithCookies;

function multipart(file: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }) {
	const form = new FormData();
	form.append('file', new File([file.bytes], file.name, { type: file.type }));
	return new Response(form);
}

describe('portal Files tab', () => {
	it('lists exactly the files shared with this client, each downloadable', async () => {
		const { casey } = await setup();
		const res = await request(hosts.demo, `/projects/${W}/files`, { cookie: casey });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Project brief.pdf');
		expect(html).toContain('Homepage mockup.png');
		expect(html).not.toContain('Internal notes.txt');
		expect(html).toContain(`href="/projects/${W}/files/${DEMO_FILES.websiteBrief}/download"`);
		const download = await request(hosts.demo, `/projects/${W}/files/${DEMO_FILES.websiteBrief}/download`, {
			cookie: casey
		});
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toBe(
			`attachment; filename="Project brief.pdf"; filename*=UTF-8''Project%20brief.pdf`
		);
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new TextDecoder().decode((await download.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
	});

	it("answers 404 for an internal file, another client's file, or a file under the wrong project", async () => {
		const { casey, oscar } = await setup();
		for (const [cookie, path] of [
			[casey, `/projects/${W}/files/${DEMO_FILES.websiteInternalNotes}/download`],
			[casey, `/projects/${DEMO.globexProjectId}/files/${DEMO_FILES.globexSpec}/download`],
			[casey, `/projects/${W}/files/${DEMO_FILES.globexSpec}/download`],
			[casey, `/projects/${DEMO.brandProjectId}/files/${DEMO_FILES.websiteBrief}/download`],
			[oscar, `/projects/${W}/files/${DEMO_FILES.websiteBrief}/download`],
			[casey, `/projects/${DEMO.globexProjectId}/files`]
		]) {
			const res = await request(hosts.demo, path, { cookie, headers: { accept: 'text/html' } });
			expect(res.status, path).toBe(404);
			expect(res.headers.get('content-disposition'), path).toBeNull();
			await res.text();
		}
		const signedOut = await request(hosts.demo, `/projects/${W}/files/${DEMO_FILES.websiteBrief}/download`);
		expect(signedOut.status).toBe(303);
	});
});

describe('portal Time tab', () => {
	it('shows billable entries with amounts and the total, and nothing non-billable', async () => {
		const { casey } = await setup();
		const html = await (await request(hosts.demo, `/projects/${W}/time`, { cookie: casey })).text();
		expect(html).toContain('Homepage design, two directions');
		expect(html).toContain('$546.25');
		expect(html).toContain('5h 45m');
		expect(html).not.toContain('Internal stand-up');
		expect(html).not.toContain('$95.00');
	});
});

describe('dashboard Files tab without JavaScript', () => {
	it('uploads through the multipart form', async () => {
		const { staff, services } = await setup();
		const body = multipart({ name: 'Signed scope.pdf', type: 'application/pdf', bytes: PDF_BYTES });
		const res = await request(hosts.dashboard, `/projects/${W}/files?/upload`, {
			method: 'POST',
			cookie: staff,
			body: body.body,
			headers: { 'content-type': body.headers.get('content-type')!, accept: 'text/html' }, // @ts-expect-error streamed body
			duplex: 'half'
		});
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Uploaded Signed scope.pdf');
		const row = await services.db.query.files.findFirst({ where: eq(files.name, 'Signed scope.pdf') });
		expect(row).toMatchObject({
			clientVisible: false,
			contentType: 'application/pdf',
			sizeBytes: PDF_BYTES.byteLength
		});
	});

	it('refuses an oversized upload from Content-Length, before reading it, with the message next to the field', async () => {
		const { staff, services } = await setup();
		const before = await services.db.select().from(files);
		const res = await request(hosts.dashboard, `/projects/${W}/files?/upload`, {
			method: 'POST',
			cookie: staff,
			body: new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024)) }),
			headers: {
				'content-type': 'multipart/form-data; boundary=x',
				'content-length': String(40 * 1024 * 1024),
				accept: 'text/html'
			},
			// @ts-expect-error streamed body
			duplex: 'half'
		});
		expect(res.status).toBe(413);
		const html = await res.text();
		expect(html).toMatch(
			/<div class="field-error" id="file-error">(<!--[^>]*-->)*<p>This upload is about 40 MB; the largest file you can upload is 25 MB \(several files at once may add up to that\)\. Choose fewer or smaller files\.<\/p>/
		);
		expect(html).toContain('aria-invalid="true"');
		expect(await services.db.select().from(files)).toHaveLength(before.length);
	});

	it('shows the type error next to the field', async () => {
		const { staff } = await setup();
		const body = multipart({
			name: 'site.html',
			type: 'text/html',
			bytes: new Uint8Array(new TextEncoder().encode('<h1>hi</h1>'))
		});
		const res = await request(hosts.dashboard, `/projects/${W}/files?/upload`, {
			method: 'POST',
			cookie: staff,
			body: await body.arrayBuffer(),
			headers: { 'content-type': body.headers.get('content-type')!, accept: 'text/html' }
		});
		expect(res.status).toBe(415);
		expect(await res.text()).toContain('.html files cannot be uploaded');
	});

	it('toggles visibility and renames from the list', async () => {
		const { staff, services } = await setup();
		const shown = await request(hosts.dashboard, `/projects/${W}/files?/visibility`, {
			cookie: staff,
			form: { fileId: DEMO_FILES.websiteInternalNotes, visible: 'true' }
		});
		expect(await shown.text()).toContain('The client can now see and download this file.');
		const renamed = await request(hosts.dashboard, `/projects/${W}/files?/rename`, {
			cookie: staff,
			form: { fileId: DEMO_FILES.websiteInternalNotes, name: '' }
		});
		expect(renamed.status).toBe(422);
		expect(await renamed.text()).toContain('Enter a new name.');
		const row = await services.db.query.files.findFirst({ where: eq(files.id, DEMO_FILES.websiteInternalNotes) });
		expect(row).toMatchObject({ clientVisible: true, name: 'Internal notes.txt' });
	});
});

describe('dashboard Time tab', () => {
	it('logs time from the form, and on bad input shows messages by the fields and keeps what was typed', async () => {
		const { staff, services } = await setup();
		const bad = await request(hosts.dashboard, `/projects/${W}/time?/log`, {
			cookie: staff,
			form: {
				date: inDays(-3),
				duration: 'ages',
				description: 'Wireframes',
				rate: '95',
				currency: 'USD',
				billable: 'on'
			}
		});
		expect(bad.status).toBe(422);
		const html = await bad.text();
		expect(html).toContain(
			'<p class="field-error" id="log-duration-error">Enter minutes (90) or hours:minutes (1:30).</p>'
		);
		expect(html).toContain('value="Wireframes"');
		expect(html).toContain('value="ages"');
		const ok = await request(hosts.dashboard, `/projects/${W}/time?/log`, {
			cookie: staff,
			form: {
				date: inDays(-3),
				duration: '1:15',
				description: 'Wireframes',
				rate: '95',
				currency: 'USD',
				billable: 'on'
			}
		});
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('Time logged.');
		const row = await services.db.query.timeEntries.findFirst({ where: eq(timeEntries.description, 'Wireframes') });
		expect(row).toMatchObject({ minutes: 75, rateMinor: 9500, billable: true });
	});

	it('edits an entry on its own page and goes back to the list', async () => {
		const { staff, services } = await setup();
		const page = await request(hosts.dashboard, `/projects/${W}/time/tim_demo_sitemap`, { cookie: staff });
		expect(await page.text()).toContain('value="1:30"');
		const saved = await request(hosts.dashboard, `/projects/${W}/time/tim_demo_sitemap?/save`, {
			cookie: staff,
			form: { date: inDays(-2), duration: '2:00', description: 'Sitemap v2', rate: '95.00', currency: 'USD' }
		});
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`/projects/${W}/time`);
		expect(
			await services.db.query.timeEntries.findFirst({ where: eq(timeEntries.id, 'tim_demo_sitemap') })
		).toMatchObject({ minutes: 120, billable: false, description: 'Sitemap v2' });
		expect(
			(await request(hosts.dashboard, `/projects/${DEMO.brandProjectId}/time/tim_demo_sitemap`, { cookie: staff }))
				.status
		).toBe(404);
	});
});
