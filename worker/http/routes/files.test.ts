import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, files } from '../../../db/schema';
import { DEMO_FILES } from '../../dev/seed/ids';
import { PDF_BYTES, PNG_BYTES } from '../../domain/files/test-support';
import { ACME, DEMO, hosts, request, seededWithCookies, sessionCookie } from '../../../tests/helpers';

const W = DEMO.websiteProjectId;

async function setup() {
	const seeded = await seededWithCookies();
	return {
		...seeded,
		acmeStaff: await sessionCookie(seeded.services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId }),
		acmeClient: await sessionCookie(seeded.services, { contactId: ACME.clientContactId })
	};
}

function uploadRequest(cookie: string, name: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
	return request(hosts.dashboard, `/api/files?projectId=${W}&name=${encodeURIComponent(name)}`, {
		method: 'POST',
		cookie,
		body: new Uint8Array(bytes),
		headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength), ...headers }
	});
}

describe('files API: upload', () => {
	it('takes the raw file as the body, above the 1 MiB JSON limit, and answers 201 with the file', async () => {
		const { staff } = await setup();
		const big = new Uint8Array(1_500_000);
		big.set(PDF_BYTES);
		const res = await uploadRequest(staff, 'Big plan.pdf', big, { 'content-type': 'application/pdf' });
		expect(res.status).toBe(201);
		const { file } = (await res.json()) as {
			file: { id: string; name: string; sizeBytes: number; clientVisible: boolean };
		};
		expect(file).toMatchObject({ name: 'Big plan.pdf', sizeBytes: 1_500_000, clientVisible: false });
		const object = await env.FILES.head(`${DEMO.workspaceId}/files/${file.id}`);
		expect(object?.size).toBe(1_500_000);
	});

	it('refuses a huge upload from its Content-Length with 413, before reading the body', async () => {
		const { staff } = await setup();
		const before = (await env.FILES.list()).objects.length;
		let pulled = 0;
		const body = new ReadableStream({
			pull(c) {
				pulled++;
				c.enqueue(new Uint8Array(1024));
			}
		});
		const res = await request(hosts.dashboard, `/api/files?projectId=${W}&name=huge.pdf`, {
			method: 'POST',
			cookie: staff,
			body,
			headers: { 'content-type': 'application/pdf', 'content-length': String(30 * 1024 * 1024) },
			// @ts-expect-error workerd needs duplex for streamed request bodies
			duplex: 'half'
		});
		expect(res.status).toBe(413);
		const json = (await res.json()) as { error: { code: string; message: string; fields: { file: string } } };
		expect(json.error).toMatchObject({
			code: 'payload_too_large',
			fields: { file: 'This file is 30 MB; the largest file you can upload is 25 MB.' }
		});
		// At most what stream plumbing buffers ahead (a few KiB), never the announced 30 MB.
		expect(pulled).toBeLessThan(16);
		expect((await env.FILES.list()).objects.length).toBe(before);
	});

	it('answers wrong types with 415, empty files with 422 and a missing length with 400, all in the one error shape', async () => {
		const { staff, services } = await setup();
		const before = await services.db.select().from(files);
		const wrong = await uploadRequest(staff, 'index.html', new TextEncoder().encode('<html></html>'), {
			'content-type': 'text/html'
		});
		expect(wrong.status).toBe(415);
		expect(await wrong.json()).toMatchObject({
			error: {
				code: 'unsupported_media_type',
				message: expect.stringContaining('.html files cannot be uploaded'),
				fields: { file: expect.any(String) }
			}
		});
		const disguised = await uploadRequest(staff, 'photo.png', PDF_BYTES);
		expect(disguised.status).toBe(415);
		const empty = await uploadRequest(staff, 'empty.txt', new Uint8Array());
		expect(empty.status).toBe(422);
		expect(await empty.json()).toMatchObject({
			error: { code: 'validation_failed', fields: { file: expect.stringContaining('empty') } }
		});
		// A stream of unknown length goes out chunked, without Content-Length.
		const noLength = await request(hosts.dashboard, `/api/files?projectId=${W}&name=a.png`, {
			method: 'POST',
			cookie: staff,
			body: new Blob([PNG_BYTES]).stream().pipeThrough(new TransformStream()), // @ts-expect-error workerd needs duplex for streamed request bodies
			duplex: 'half'
		});
		expect(await noLength.clone().json()).toMatchObject({
			error: { code: 'bad_request', fields: { file: expect.stringContaining('Content-Length') } }
		});
		expect(noLength.status).toBe(400);
		expect(await services.db.select().from(files)).toHaveLength(before.length);
	});

	it('lets a client upload to their own project on their portal only, and not other clients, workspaces or cross-site pages', async () => {
		const { casey, oscar, acmeStaff, acmeClient, staff, services } = await setup();
		const before = await services.db.select().from(files);
		expect((await uploadRequest(casey, 'a.pdf', PDF_BYTES)).status).toBe(401); // a portal session is not a dashboard session
		const portalUpload = (cookie: string, host: string = hosts.demo, project: string = W) =>
			request(host, `/api/files?projectId=${project}&name=a.pdf`, {
				method: 'POST',
				cookie,
				body: PDF_BYTES,
				headers: { 'content-type': 'application/pdf', 'content-length': String(PDF_BYTES.byteLength) }
			});
		expect((await portalUpload(oscar)).status).toBe(404);
		expect((await portalUpload(acmeClient, hosts.acme)).status).toBe(404);
		expect((await portalUpload(casey, hosts.demo, DEMO.globexProjectId)).status).toBe(404);
		expect((await uploadRequest(acmeStaff, 'a.pdf', PDF_BYTES)).status).toBe(404);
		expect((await uploadRequest(staff, 'a.pdf', PDF_BYTES, { origin: 'https://evil.example' })).status).toBe(403);
		expect(await services.db.select().from(files)).toHaveLength(before.length);

		const own = await portalUpload(casey);
		expect(own.status).toBe(201);
		const { file } = (await own.json()) as { file: { id: string; clientVisible: boolean; fromClient: boolean } };
		expect(file).toMatchObject({ clientVisible: true, fromClient: true });
		const row = await services.db.query.files.findFirst({ where: eq(files.id, file.id) });
		expect(row).toMatchObject({
			uploadedByContactId: DEMO.caseyContactId,
			uploadedByUserId: null,
			clientId: DEMO.northwindId
		});
	});
});

describe('files API: list, change, delete', () => {
	it('lists for staff with visibility and for the client only the visible ones', async () => {
		const { staff, casey } = await setup();
		const staffList = (await (
			await request(hosts.dashboard, `/api/files?projectId=${W}`, { cookie: staff })
		).json()) as { files: { items: { name: string; clientVisible: boolean }[] } };
		expect(staffList.files.items).toHaveLength(3);
		expect(staffList.files.items.find((f) => f.name === 'Internal notes.txt')?.clientVisible).toBe(false);
		const clientList = (await (await request(hosts.demo, `/api/files?projectId=${W}`, { cookie: casey })).json()) as {
			files: { items: Record<string, unknown>[] };
		};
		expect(clientList.files.items.map((f) => f.name).sort()).toEqual(['Homepage mockup.png', 'Project brief.pdf']);
		expect(clientList.files.items[0]).not.toHaveProperty('clientVisible');
		// Which teammate uploaded a shared file stays internal; only a client's own company's uploads name someone.
		expect(clientList.files.items.map((f) => f.uploadedBy)).toEqual([null, null]);
		expect((await request(hosts.demo, `/api/files?projectId=${DEMO.globexProjectId}`, { cookie: casey })).status).toBe(
			404
		);
	});

	it('renames and toggles visibility with PATCH, deletes with DELETE, each logged', async () => {
		const { staff, casey, services } = await setup();
		const patch = await request(hosts.dashboard, `/api/files/${DEMO_FILES.websiteInternalNotes}`, {
			method: 'PATCH',
			cookie: staff,
			json: { name: 'Notes for Casey', clientVisible: true }
		});
		expect(patch.status).toBe(200);
		expect(await patch.json()).toEqual({
			file: { id: DEMO_FILES.websiteInternalNotes, name: 'Notes for Casey.txt', clientVisible: true }
		});
		const download = await request(hosts.demo, `/api/files/${DEMO_FILES.websiteInternalNotes}/download`, {
			cookie: casey
		});
		expect(download.status).toBe(200);
		await download.arrayBuffer();
		const bad = await request(hosts.dashboard, `/api/files/${DEMO_FILES.websiteInternalNotes}`, {
			method: 'PATCH',
			cookie: staff,
			json: {}
		});
		expect(bad.status).toBe(422);
		const del = await request(hosts.dashboard, `/api/files/${DEMO_FILES.websiteInternalNotes}`, {
			method: 'DELETE',
			cookie: staff
		});
		expect(del.status).toBe(200);
		expect(
			(await request(hosts.demo, `/api/files/${DEMO_FILES.websiteInternalNotes}/download`, { cookie: casey })).status
		).toBe(404);
		const verbs = (
			await services.db.select().from(activity).where(eq(activity.subjectId, DEMO_FILES.websiteInternalNotes))
		)
			.map((a) => a.verb)
			.sort();
		expect(verbs).toEqual(['file.deleted', 'file.renamed', 'file.visibility_changed']);
	});
});

describe('downloads', () => {
	it('stream the bytes with the stored type, as an attachment with an RFC 5987 name, nosniff and a sandbox CSP', async () => {
		const { casey, services } = await setup();
		await services.db.update(files).set({ name: 'Café brief.pdf' }).where(eq(files.id, DEMO_FILES.websiteBrief));
		const res = await request(hosts.demo, `/api/files/${DEMO_FILES.websiteBrief}/download`, { cookie: casey });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="Cafe brief.pdf"; filename*=UTF-8''Caf%C3%A9%20brief.pdf`
		);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-security-policy')).toContain('sandbox');
		expect(res.headers.get('cache-control')).toContain('no-store');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
		expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
	});

	it('never serve active content inline: an SVG is an opaque attachment', async () => {
		const { staff } = await setup();
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
		);
		const up = await uploadRequest(staff, 'logo.svg', svg, { 'content-type': 'image/svg+xml' });
		const { file } = (await up.json()) as { file: { id: string } };
		const res = await request(hosts.dashboard, `/api/files/${file.id}/download`, { cookie: staff });
		// Served as bytes, not as an image type some viewer would run the script of.
		expect(res.headers.get('content-type')).toBe('application/octet-stream');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		await res.arrayBuffer();
	});

	it('preview only raster images and PDF inline, with their own type, nosniff and a sandbox CSP; everything else has no preview', async () => {
		const { staff, casey } = await setup();
		const image = await request(hosts.demo, `/projects/${W}/files/${DEMO_FILES.websiteMockup}/preview`, {
			cookie: casey
		});
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(image.headers.get('content-disposition')).toBe(
			`inline; filename="Homepage mockup.png"; filename*=UTF-8''Homepage%20mockup.png`
		);
		expect(image.headers.get('x-content-type-options')).toBe('nosniff');
		expect(image.headers.get('content-security-policy')).toBe(
			"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
		);
		await image.arrayBuffer();

		const pdf = await request(hosts.dashboard, `/api/files/${DEMO_FILES.websiteBrief}/download?preview`, {
			cookie: staff
		});
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="Project brief.pdf"/);
		expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
		// Sandboxed too: Chromium shows a sandboxed PDF (e2e/client-files.e2e.ts checks its viewer starts).
		expect(pdf.headers.get('content-security-policy')).toBe(
			"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
		);
		await pdf.arrayBuffer();

		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
		const eps = new TextEncoder().encode('%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n');
		for (const [name, bytes, type] of [
			['logo.svg', svg, 'image/svg+xml'],
			['mark.eps', eps, 'application/postscript'],
			['notes.txt', new TextEncoder().encode('hello'), 'text/plain']
		] as const) {
			const { file } = (await (await uploadRequest(staff, name, bytes, { 'content-type': type })).json()) as {
				file: { id: string };
			};
			const preview = await request(hosts.dashboard, `/projects/${W}/files/${file.id}/preview`, { cookie: staff });
			expect(preview.status, name).toBe(415);
			expect(preview.headers.get('content-disposition'), name).toBeNull();
			await preview.arrayBuffer();
		}
	});

	it('serve design formats as opaque attachments only', async () => {
		const { staff } = await setup();
		const psd = new Uint8Array([...new TextEncoder().encode('8BPS'), 0, 1, 0, 0, 0, 0, 0, 0]);
		const up = await uploadRequest(staff, 'Hero.psd', psd, { 'content-type': 'image/vnd.adobe.photoshop' });
		expect(up.status).toBe(201);
		const { file } = (await up.json()) as { file: { id: string; contentType: string } };
		expect(file.contentType).toBe('image/vnd.adobe.photoshop');
		const res = await request(hosts.dashboard, `/api/files/${file.id}/download`, { cookie: staff });
		expect(res.headers.get('content-type')).toBe('application/octet-stream');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Hero.psd"/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(psd);
		expect((await request(hosts.dashboard, `/api/files/${file.id}/download?preview`, { cookie: staff })).status).toBe(
			415
		);
	});

	it('are "not found" for internal files, other clients, other workspaces and signed-out visitors', async () => {
		const { casey, oscar, acmeClient, acmeStaff } = await setup();
		const cases: [string, string, string | undefined, number][] = [
			[hosts.demo, DEMO_FILES.websiteInternalNotes, casey, 404],
			[hosts.demo, DEMO_FILES.globexSpec, casey, 404],
			[hosts.demo, DEMO_FILES.globexInternal, casey, 404],
			[hosts.demo, DEMO_FILES.acmeRouteMap, casey, 404],
			[hosts.demo, DEMO_FILES.websiteBrief, oscar, 404],
			[hosts.acme, DEMO_FILES.websiteBrief, acmeClient, 404],
			[hosts.dashboard, DEMO_FILES.websiteInternalNotes, acmeStaff, 404],
			// A demo session means nothing on the Acme portal, and nobody signed in gets nothing.
			[hosts.acme, DEMO_FILES.websiteBrief, casey, 401],
			[hosts.demo, DEMO_FILES.websiteBrief, undefined, 401]
		];
		for (const [host, fileId, cookie, status] of cases) {
			const res = await request(host, `/api/files/${fileId}/download`, { cookie });
			expect(res.status, `${host} ${fileId}`).toBe(status);
			expect(res.headers.get('content-disposition'), `${host} ${fileId}`).toBeNull();
		}
	});
});
