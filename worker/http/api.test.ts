import { env } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO, emailsTo, eventually, hosts, request, seed, testServices } from '../../tests/helpers';
import { api } from './app';

describe('JSON API', () => {
	it('answers unknown endpoints with the one error shape', async () => {
		const res = await request(hosts.demo, '/api/nope');
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
	});

	it('rejects malformed JSON with 400, not 500', async () => {
		await seed(testServices());
		const res = await request(hosts.demo, '/api/auth/login-link', {
			method: 'POST',
			body: '{"email":',
			headers: { 'content-type': 'application/json' }
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
	});

	it('rejects a non-JSON body with 415', async () => {
		await seed(testServices());
		const res = await request(hosts.demo, '/api/auth/login-link', {
			method: 'POST',
			body: 'email=x',
			headers: { 'content-type': 'text/plain' }
		});
		expect(res.status).toBe(415);
	});

	it('gives per-field messages for invalid input', async () => {
		await seed(testServices());
		const res = await request(hosts.demo, '/api/auth/login-link', { json: { email: 'nope' } });
		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({
			error: { code: 'validation_failed', fields: { email: expect.stringContaining('valid email') } }
		});
	});

	it('answers a login request identically for known and unknown emails', async () => {
		const services = await seed(testServices());
		const known = await request(hosts.demo, '/api/auth/login-link', { json: { email: DEMO.caseyEmail } });
		const unknown = await request(hosts.demo, '/api/auth/login-link', { json: { email: 'stranger@demo.test' } });
		expect(known.status).toBe(202);
		expect(unknown.status).toBe(202);
		expect(await unknown.text()).toBe(await known.text());
		await eventually(async () => expect(await emailsTo(services, DEMO.caseyEmail)).toHaveLength(1));
		expect(await emailsTo(services, 'stranger@demo.test')).toHaveLength(0);
	});

	it('refuses cross-site writes', async () => {
		await seed(testServices());
		const res = await request(hosts.demo, '/api/auth/login-link', {
			json: { email: DEMO.caseyEmail },
			headers: { origin: 'https://evil.example' }
		});
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
	});

	it('refuses oversized bodies with 413', async () => {
		await seed(testServices());
		const res = await request(hosts.demo, '/api/auth/login-link', {
			json: { email: DEMO.caseyEmail, pad: 'x'.repeat(1_100_000) }
		});
		expect(res.status).toBe(413);
		expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
	});

	it('returns 429 with Retry-After when one IP floods', async () => {
		const services = await seed(testServices());
		let last: Response | undefined;
		for (let i = 0; i <= services.config.loginLimitPerIp; i++)
			last = await request(hosts.demo, '/api/auth/login-link', {
				json: { email: `flood${i}@demo.test` },
				headers: { 'cf-connecting-ip': '192.0.2.44' }
			});
		expect(last!.status).toBe(429);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await last!.json()).toMatchObject({ error: { code: 'rate_limited' } });
	});

	it('says a portal does not exist for an unknown slug', async () => {
		const res = await request('nope.localhost:8787', '/api/auth/login-link', { json: { email: 'a@b.co' } });
		expect(res.status).toBe(404);
	});
});

describe('dev routes', () => {
	it('lists the outbox as JSON with to, subject, text, html and sent_at, newest first', async () => {
		const services = await seed(testServices());
		await request(hosts.demo, '/api/auth/login-link', { json: { email: DEMO.caseyEmail } });
		await eventually(async () => expect(await emailsTo(services, DEMO.caseyEmail)).toHaveLength(1));
		await request(hosts.demo, '/api/auth/login-link', { json: { email: DEMO.oscarEmail } });
		await eventually(async () => expect(await emailsTo(services, DEMO.oscarEmail)).toHaveLength(1));
		const list = (await (await request(hosts.dashboard, '/dev/outbox.json')).json()) as Record<string, string>[];
		expect(list.map((m) => m.to)).toEqual([DEMO.oscarEmail, DEMO.caseyEmail]);
		expect(Object.keys(list[0])).toEqual(expect.arrayContaining(['to', 'subject', 'text', 'html', 'sent_at']));
		const page = await request(hosts.dashboard, '/dev/outbox');
		const html = await page.text();
		expect(html).toContain('<a href="http://demo.localhost:8787/auth/verify?token=');
	});

	it('links every attachment the outbox lists, and serves it as a download', async () => {
		const services = await seed(testServices());
		const pdf = new TextEncoder().encode('%PDF-1.7 signed contract');
		await services.mail.send({
			workspaceId: DEMO.workspaceId,
			to: DEMO.caseyEmail,
			subject: 'Signed: Retainer',
			html: '<p>Attached</p>',
			text: 'Attached',
			fromName: 'Demo Studio',
			tag: 'contract-signed',
			attachments: [{ filename: 'retainer "signed".pdf', contentType: 'application/pdf', content: pdf }]
		});
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		const html = await (await request(hosts.dashboard, '/dev/outbox')).text();
		const link = `/dev/outbox/${mail.id}/attachments/0`;
		expect(html).toContain(
			`<a href="${link}" download="retainer &quot;signed&quot;.pdf">retainer &quot;signed&quot;.pdf</a>`
		);
		const res = await request(hosts.dashboard, link);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="retainer _signed_.pdf"/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
		for (const missing of [
			`/dev/outbox/${mail.id}/attachments/1`,
			`/dev/outbox/${mail.id}/attachments/-1`,
			'/dev/outbox/eml_none/attachments/0'
		]) {
			expect((await request(hosts.dashboard, missing)).status, missing).toBe(404);
		}
	});

	it('answers 404 for every /dev route outside development', async () => {
		const production = { ...env, ENVIRONMENT: 'production' };
		for (const [method, path] of [
			['GET', '/dev/outbox'],
			['GET', '/dev/outbox.json'],
			['GET', '/dev/outbox/eml_x/attachments/0'],
			['POST', '/dev/seed'],
			['POST', '/dev/login-link']
		]) {
			const res = await api.fetch(
				new Request(`https://app.example.com${path}`, { method }),
				production,
				createExecutionContext()
			);
			expect(res.status, path).toBe(404);
		}
	});
});

describe('health', () => {
	it('answers without touching D1 (the benchmark floor)', async () => {
		const { createExecutionContext } = await import('cloudflare:test');
		const res = await api.fetch(
			new Request(`http://${hosts.demo}/api/health`),
			{ ...env, ENVIRONMENT: 'development' },
			createExecutionContext()
		);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true });
		expect(res.headers.get('x-d1-round-trips')).toBeNull();
	});
});
