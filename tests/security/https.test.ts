import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO, emailsTo, seed, testServices } from '../helpers';
import { cookieOptions } from '../../worker/domain/auth/sessions';

// In production every request is https: plain http is redirected (GET, HEAD)
// or refused (anything else, whose body and cookies already crossed the wire),
// and the session cookie is always Secure, whatever scheme a request claims.
// Development on http://localhost keeps working.

async function fetchAs(environment: 'production' | 'development', url: string, init: RequestInit = {}) {
	const { createExecutionContext, waitOnExecutionContext } = await import('cloudflare:test');
	const worker = (await import('../../worker/index')).default;
	const ctx = createExecutionContext();
	const request = new Request(url, { redirect: 'manual', ...init }) as Request<unknown, IncomingRequestCfProperties>;
	const response = await worker.fetch(request, { ...env, ENVIRONMENT: environment } as typeof env, ctx);
	await waitOnExecutionContext(ctx);
	return response;
}

describe('https only in production', () => {
	it('redirects a plain http GET or HEAD to the same https address', async () => {
		await seed(testServices());
		for (const method of ['GET', 'HEAD']) {
			const res = await fetchAs('production', 'http://demo.localhost/login?next=%2Finvoices', { method });
			expect(res.status, method).toBe(308);
			expect(res.headers.get('location'), method).toBe('https://demo.localhost/login?next=%2Finvoices');
			expect(res.headers.get('set-cookie'), method).toBeNull();
		}
	});

	it('refuses a plain http write, pages and API alike, doing nothing', async () => {
		const services = await seed(testServices());
		const form = await fetchAs('production', 'http://demo.localhost/login', {
			method: 'POST',
			body: new URLSearchParams({ email: DEMO.caseyEmail }),
			headers: { origin: 'http://demo.localhost' }
		});
		expect(form.status).toBe(403);
		const api = await fetchAs('production', 'http://demo.localhost/api/auth/login-link', {
			method: 'POST',
			body: JSON.stringify({ email: DEMO.caseyEmail }),
			headers: { 'content-type': 'application/json', origin: 'http://demo.localhost' }
		});
		expect(api.status).toBe(403);
		expect(await api.json()).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/https/) } });
		expect(await emailsTo(services, DEMO.caseyEmail)).toEqual([]);
	});

	it('answers https in production as usual', async () => {
		await seed(testServices());
		const res = await fetchAs('production', 'https://demo.localhost/login');
		expect(res.status).toBe(200);
		expect(res.headers.get('strict-transport-security')).toBeTruthy();
	});

	it('keeps plain http working in development', async () => {
		await seed(testServices());
		const res = await fetchAs('development', 'http://demo.localhost:8787/login');
		expect(res.status).toBe(200);
	});

	it('marks the session cookie Secure in production whatever the request’s scheme, and only over https elsewhere', () => {
		const production = { environment: 'production' as const };
		const development = { environment: 'development' as const };
		expect(cookieOptions(production, new URL('http://app.example.com/')).secure).toBe(true);
		expect(cookieOptions(production, new URL('https://app.example.com/')).secure).toBe(true);
		expect(cookieOptions(development, new URL('http://localhost:8787/')).secure).toBe(false);
		expect(cookieOptions(development, new URL('https://localhost:8787/')).secure).toBe(true);
	});
});
