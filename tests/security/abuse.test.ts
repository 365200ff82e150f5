import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailLog, files, leads, payments, sessions } from '../../db/schema';
import { configurePaystack, signature } from '../fixtures/paystack';
import { SETTINGS_DEMO } from '../../worker/dev/seed/ids';
import { PDF_BYTES } from '../../worker/domain/files/test-support';
import { api, isStreamedUpload } from '../../worker/http/app';
import { DEMO, hosts, request, requestSettled, seed, sessionCookie, testServices, type TestServices } from '../helpers';

// Abuse that every route must survive: oversized and malformed bodies, path
// tricks in file names, and floods of sign-in requests. (Forged and replayed
// webhooks: worker/domain/payments/paystack-webhook.test.ts; script
// injection: tests/security/injection.test.ts.)

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };
const W = DEMO.websiteProjectId;
const FORM_PATH = `/forms/${SETTINGS_DEMO.intakeFormSlug}`;

async function counts(services: TestServices) {
	const [l, e, f, s] = await services.db.batch([
		services.db.select({ id: leads.id }).from(leads),
		services.db.select({ id: emailLog.id }).from(emailLog),
		services.db.select({ id: files.id }).from(files),
		services.db.select({ id: sessions.id }).from(sessions)
	]);
	return {
		leads: l.length,
		emails: e.length,
		files: f.length,
		sessions: s.length,
		blobs: (await env.FILES.list()).objects.length
	};
}

describe('oversized bodies', () => {
	it('refuses an oversized form post to a page with 413 and a clear message, storing nothing', async () => {
		const services = await seed(testServices());
		const before = await counts(services);
		const form = { name: 'Pat', email: 'pat@example.test', f_service: 'Website', f_brief: 'x'.repeat(2 * 1024 * 1024) };
		const page = await requestSettled(hosts.demo, FORM_PATH, { form, headers: { accept: 'text/html' } });
		expect(page.status).toBe(413);
		expect(await page.text()).toContain('That form is too large (the limit is 1 MB)');
		// use:enhance asks for JSON: the same refusal as JSON.
		const enhanced = await requestSettled(hosts.demo, FORM_PATH, { form, headers: { accept: 'application/json' } });
		expect(enhanced.status).toBe(413);
		expect(await enhanced.json()).toMatchObject({
			message: expect.stringContaining('too large'),
			code: 'payload_too_large'
		});
		const login = await requestSettled(hosts.demo, '/login', {
			form: { email: `${'a'.repeat(2 * 1024 * 1024)}@demo.test` }
		});
		expect(login.status).toBe(413);
		// Multipart gets the same 1 MiB limit, except on the forms that take a file.
		const multipart = new FormData();
		multipart.set('email', DEMO.caseyEmail);
		multipart.set('pad', new Blob([new Uint8Array(2 * 1024 * 1024)]), 'pad.bin');
		const multi = await requestSettled(hosts.demo, '/login', {
			method: 'POST',
			body: multipart,
			headers: { accept: 'text/html' }
		});
		expect(multi.status).toBe(413);
		expect(await counts(services)).toEqual(before);
	});

	it('measures a streamed form post that does not say how large it is, reading no further than the limit', async () => {
		const services = await seed(testServices());
		const before = await counts(services);
		let pulled = 0;
		const chunk = new TextEncoder().encode(`email=a%40b.co&pad=${'x'.repeat(64 * 1024)}&`);
		const res = await request(hosts.demo, '/login', {
			method: 'POST',
			body: new ReadableStream({ pull: (c) => void (pulled++ < 10_000 ? c.enqueue(chunk) : c.close()) }),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			// @ts-expect-error streamed body
			duplex: 'half'
		});
		expect(res.status).toBe(413);
		expect(pulled * chunk.byteLength).toBeLessThan(4 * 1024 * 1024); // not the 600 MB it offered
		expect(await counts(services)).toEqual(before);
		// A small streamed post goes through as usual (settled: its email must not spill into the next test).
		const small = await requestSettled(hosts.demo, '/login', {
			method: 'POST',
			body: new ReadableStream({
				start: (c) => (c.enqueue(new TextEncoder().encode(`email=${encodeURIComponent(DEMO.caseyEmail)}`)), c.close())
			}),
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			// @ts-expect-error streamed body
			duplex: 'half'
		});
		expect(small.status).toBe(200);
	});

	it('refuses an oversized JSON body on every JSON write route with 413 in the one error shape', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const before = await counts(services);
		const big = JSON.stringify({ name: 'x'.repeat(1_100_000) });
		for (const { method, path } of jsonWriteRoutes()) {
			const host = path.startsWith('/api/public') || path.startsWith('/api/auth') ? hosts.demo : hosts.dashboard;
			const res = await request(host, concrete(path), {
				method,
				cookie: staff,
				body: big,
				headers: { 'content-type': 'application/json' }
			});
			expect(res.status, `${method} ${path}`).toBe(413);
			expect(await res.json(), `${method} ${path}`).toMatchObject({ error: { code: 'payload_too_large' } });
		}
		expect(await counts(services)).toEqual(before);
	});

	it('refuses an oversized webhook delivery with 413 before checking or parsing it, changing nothing', async () => {
		const services = await seed(testServices());
		await configurePaystack(services, DEMO.workspaceId);
		const before = await services.db.select().from(payments);
		const body = JSON.stringify({ event: 'charge.success', data: { reference: 'cp-x', pad: 'x'.repeat(300 * 1024) } });
		const res = await request(hosts.dashboard, `/webhooks/paystack/${DEMO.slug}`, {
			method: 'POST',
			body,
			headers: {
				'content-type': 'application/json',
				'x-paystack-signature': await signature(body),
				origin: 'https://paystack.example'
			}
		});
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
		expect(await services.db.select().from(payments)).toEqual(before);
	});
});

/** Every API route that may take a body (from the Hono route table), except the streamed uploads (files, message attachments). */
function jsonWriteRoutes() {
	const seen = new Set<string>();
	return api.routes
		.filter(
			(r) =>
				['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) &&
				r.path.startsWith('/api/') &&
				!isStreamedUpload(r.method, concrete(r.path))
		)
		.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, 'zz_not_an_id');

describe('malformed bodies', () => {
	it('answers malformed and wrongly typed JSON on every JSON route without a 500, refusals in the one error shape', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const before = await counts(services);
		// Not logging out (it would end the session the rest of the loop uses) nor removing the logo (a real, bodiless change).
		const routes = jsonWriteRoutes().filter(
			(r) => !['/api/auth/logout', '/api/settings/branding/logo'].includes(r.path)
		);
		expect(routes.length).toBeGreaterThan(20);
		let badRequests = 0;
		const statuses = new Map<number, number>();
		for (const { method, path } of routes) {
			const host = path.startsWith('/api/public') || path.startsWith('/api/auth') ? hosts.demo : hosts.dashboard;
			for (const body of [
				'{"name":',
				'{"name": "x",}',
				'null',
				'[]',
				'"text"',
				'42',
				'{"__proto__": {"admin": true}}',
				'\u0000'
			]) {
				const res = await request(host, concrete(path), {
					method,
					cookie: staff,
					body,
					headers: { 'content-type': 'application/json' }
				});
				const where = `${method} ${path} ${JSON.stringify(body)}`;
				// Routes that take no body (log out...) may ignore it; none may fail with 500.
				expect(res.status, where).toBeLessThan(500);
				if (res.status >= 400) expect(await res.json(), where).toMatchObject(ERROR_SHAPE);
				else await res.arrayBuffer();
				if (res.status === 400) badRequests++;
				statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
			}
		}
		expect(badRequests, JSON.stringify([...statuses])).toBeGreaterThan(routes.length); // most routes read JSON and say bad_request
		expect(statuses.get(401) ?? 0).toBe(0); // still signed in throughout: each refusal is about the body
		expect(await counts(services)).toEqual(before);
	});

	it('says exactly "bad_request" for broken JSON on a route that reads it', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (const [host, path, cookie] of [
			[hosts.dashboard, '/api/clients', staff],
			[hosts.dashboard, `/api/projects/${W}`, staff],
			[hosts.demo, '/api/auth/login-link', undefined]
		] as const) {
			const method = path.includes(W) ? 'PATCH' : 'POST';
			const res = await request(host, path, {
				method,
				cookie,
				body: '{"name":',
				headers: { 'content-type': 'application/json' }
			});
			expect(res.status, path).toBe(400);
			expect(await res.json()).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
		}
	});

	it('answers a malformed multipart form with 400, not 500, on pages and on the upload form', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const before = await counts(services);
		const broken = {
			body: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nno end',
			headers: { 'content-type': 'multipart/form-data; boundary=x' }
		};
		for (const [host, path, cookie] of [
			[hosts.demo, '/login', undefined],
			[hosts.demo, FORM_PATH, undefined],
			[hosts.dashboard, '/clients/new', staff],
			[hosts.dashboard, `/projects/${W}/files?/upload`, staff],
			[hosts.dashboard, '/settings/branding?/logo', staff]
		] as const) {
			for (const accept of ['text/html', 'application/json']) {
				const res = await request(host, path, {
					method: 'POST',
					cookie,
					body: broken.body,
					headers: { ...broken.headers, accept }
				});
				const text = await res.text();
				// A form action's own failure reaches use:enhance as 200 { type: 'failure', status }.
				const status =
					res.status === 200 && accept === 'application/json'
						? (JSON.parse(text) as { status?: number }).status
						: res.status;
				expect(status, `${path} ${accept}: ${text.slice(0, 200)}`).toBe(400);
				expect(text, path).not.toContain('Something went wrong on our side');
			}
		}
		expect(await counts(services)).toEqual(before);
	});
});

describe('path tricks in file names', () => {
	it('stores uploads under our own key and a sanitised name, whatever the name claims', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const cases: [string, RegExp][] = [
			['../../etc/passwd.pdf', /^passwd\.pdf$/],
			['..\\..\\Windows\\system32\\x.pdf', /^x\.pdf$/],
			['/absolute/path/plan.pdf', /^plan\.pdf$/],
			['nul\u0000byte\u0007bell.pdf', /^nulbytebell\.pdf$/],
			['line\r\nbreak: "quoted".pdf', /^linebreak_ _quoted_\.pdf$|^line ?break/],
			['\u202Efdp.exe.pdf', /^fdp\.exe\.pdf$/],
			['CON.pdf', /^(?!CON\.pdf$).+\.pdf$/i],
			[`${'long'.repeat(100)}.pdf`, /^(long)+.*\.pdf$/]
		];
		for (const [name, expected] of cases) {
			const res = await uploadPdf(staff, name);
			expect(res.status, JSON.stringify(name)).toBe(201);
			const { file } = (await res.json()) as { file: { id: string; name: string } };
			expect(file.name, JSON.stringify(name)).toMatch(expected);
			expect(file.name).not.toMatch(/[\\/\u0000-\u001f\u007f\u202e]|^\.|\.\./);
			expect(new TextEncoder().encode(file.name).byteLength).toBeLessThanOrEqual(200);
			// The bytes live under our key, never under anything derived from the name.
			expect(await env.FILES.head(`${DEMO.workspaceId}/files/${file.id}`)).not.toBeNull();
			const download = await request(hosts.dashboard, `/api/files/${file.id}/download`, { cookie: staff });
			expect(download.status).toBe(200);
			const disposition = download.headers.get('content-disposition')!;
			expect(disposition).toMatch(/^attachment; filename="[^"\\\r\n]*"; filename\*=UTF-8''[^\s"]+$/);
			expect(disposition).not.toContain('..');
			await download.arrayBuffer();
		}
		const keys = (await env.FILES.list({ prefix: `${DEMO.workspaceId}/` })).objects.map((o) => o.key);
		expect(keys.filter((k) => /passwd|etc|Windows|\.\./.test(k))).toEqual([]);
	});

	it('refuses a name with nothing usable left, storing nothing', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const before = await counts(services);
		for (const name of ['../..', '\u0000\u0001', '....', '/', '\\']) {
			const res = await uploadPdf(staff, name);
			expect(res.status, JSON.stringify(name)).toBeGreaterThanOrEqual(400);
			expect(res.status, JSON.stringify(name)).toBeLessThan(500);
			expect(await res.json()).toMatchObject(ERROR_SHAPE);
		}
		expect(await counts(services)).toEqual(before);
	});
});

describe('sign-in link floods', () => {
	it('answers a flood through the login page the same for known and unknown emails, capping the emails sent', async () => {
		const services = await seed(testServices());
		const statuses = async (email: string) => {
			const out: number[] = [];
			for (let i = 0; i < 7; i++)
				out.push(
					(
						await requestSettled(hosts.demo, '/login', {
							form: { email },
							headers: { 'cf-connecting-ip': `203.0.113.${i}` }
						})
					).status
				);
			return out;
		};
		const known = await statuses(DEMO.caseyEmail);
		const unknown = await statuses('nobody@nowhere.test');
		// Same answers for a known and an unknown address, and nobody is refused for the address (tests/security/lockout.test.ts).
		expect(unknown).toEqual(known);
		expect(known).toEqual([200, 200, 200, 200, 200, 200, 200]);
		// At most the per-email limit of links went out to the real address, none to the unknown one.
		const sent = await services.db.select({ to: emailLog.to }).from(emailLog).where(eq(emailLog.tag, 'login'));
		expect(sent.filter((e) => e.to === DEMO.caseyEmail)).toHaveLength(5);
		expect(sent.filter((e) => e.to === 'nobody@nowhere.test')).toEqual([]);
	});

	it('rate limits one IP spraying many addresses', async () => {
		await seed(testServices());
		const statuses: number[] = [];
		for (let i = 0; i < 32; i++)
			statuses.push(
				(
					await request(hosts.demo, '/api/auth/login-link', {
						json: { email: `spray${i}@demo.test` },
						headers: { 'cf-connecting-ip': '198.51.100.77' }
					})
				).status
			);
		expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
		expect(statuses.slice(30)).toEqual([429, 429]);
		// Another IP is unaffected.
		expect(
			(
				await request(hosts.demo, '/api/auth/login-link', {
					json: { email: 'spray0@demo.test' },
					headers: { 'cf-connecting-ip': '198.51.100.78' }
				})
			).status
		).toBe(202);
	});
});

/** Uploads a small PDF under the given name to the demo website project, as staff. */
function uploadPdf(staff: string, name: string): Promise<Response> {
	return request(hosts.dashboard, `/api/files?projectId=${W}&name=${encodeURIComponent(name)}`, {
		method: 'POST',
		cookie: staff,
		body: new Uint8Array(PDF_BYTES),
		headers: { 'content-type': 'application/pdf', 'content-length': String(PDF_BYTES.byteLength) }
	});
}
