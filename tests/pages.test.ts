import { SESSION_TTL_MS } from '../worker/domain/auth/sessions';
import { describe, expect, it } from 'vitest';
import { DEMO, emailsTo, eventually, hosts, linkIn, request, seed, sessionCookie, testServices } from './helpers';

async function signInThroughPages(host: string, email: string, services: ReturnType<typeof testServices>) {
	const login = await request(host, '/login', { form: { email } });
	expect(login.status).toBe(200);
	expect(await login.text()).toContain('Check your email');
	const [mail] = await eventually(async () => {
		const list = await emailsTo(services, email);
		expect(list).toHaveLength(1);
		return list;
	});
	const url = new URL(linkIn(mail.text));
	const confirm = await request(host, url.pathname + url.search);
	expect(await confirm.text()).toContain('Continue and sign in');
	return request(host, url.pathname + url.search, { method: 'POST', form: {} });
}

describe('sign-in pages', () => {
	it('signs a client in with a HttpOnly, SameSite=Lax session cookie and lands on the portal', async () => {
		const services = await seed(testServices());
		const res = await signInThroughPages(hosts.demo, DEMO.caseyEmail, services);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^cp_session=[\w-]{43};/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(cookie).not.toMatch(/Secure/); // plain http on localhost
		// A lifetime relative to the app's clock, never an Expires date the browser's clock would judge.
		const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
		expect(maxAge).toBeGreaterThan(SESSION_TTL_MS / 1000 - 60);
		expect(maxAge).toBeLessThanOrEqual(SESSION_TTL_MS / 1000);
		expect(cookie).not.toMatch(/Expires=/i);
		const home = await request(hosts.demo, '/', { cookie: cookie.split(';')[0] });
		expect(home.status).toBe(200);
		const html = await home.text();
		expect(html).toContain('Welcome, Casey Client');
		expect(html).toContain('Website redesign');
		expect(html).not.toContain('Globex mobile app');
	});

	it('marks the cookie Secure over https', async () => {
		const services = await seed(testServices());
		const login = await request(hosts.demo, '/login', { form: { email: DEMO.caseyEmail } });
		expect(login.status).toBe(200);
		const [mail] = await eventually(async () => {
			const list = await emailsTo(services, DEMO.caseyEmail);
			expect(list).toHaveLength(1);
			return list;
		});
		const url = new URL(linkIn(mail.text));
		const { exports } = await import('cloudflare:workers');
		const res = await exports.default.fetch(
			new Request(`https://demo.localhost${url.pathname}${url.search}`, {
				method: 'POST',
				headers: {
					origin: 'https://demo.localhost',
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				body: '',
				redirect: 'manual'
			})
		);
		expect(res.headers.get('set-cookie')).toMatch(/Secure/);
		expect(res.headers.get('strict-transport-security')).toBeTruthy();
	});

	it('sends signed-out visitors to the login page, remembering where they were going', async () => {
		await seed(testServices());
		const res = await request(hosts.demo, `/projects/${DEMO.websiteProjectId}`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/projects/${DEMO.websiteProjectId}`)}`);
	});

	it("shows another client's project as not found", async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const own = await request(hosts.demo, `/projects/${DEMO.websiteProjectId}`, { cookie });
		expect(own.status).toBe(200);
		const other = await request(hosts.demo, `/projects/${DEMO.globexProjectId}`, { cookie });
		expect(other.status).toBe(404);
		expect(await other.text()).not.toContain('Globex mobile app');
	});

	it("does not honour a portal session on another workspace's portal", async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request(hosts.acme, '/', { cookie });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/login');
	});

	it('shows a friendly 404 for an unknown portal', async () => {
		const res = await request('nobody.localhost:8787', '/', { headers: { accept: 'text/html' } });
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('There is no client portal at this address.');
	});

	it('shows a clear page with a way forward for a used link', async () => {
		const services = await seed(testServices());
		await signInThroughPages(hosts.demo, DEMO.caseyEmail, services);
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		const url = new URL(linkIn(mail.text));
		const again = await request(hosts.demo, url.pathname + url.search, { headers: { accept: 'text/html' } });
		const html = await again.text();
		expect(html).toContain('This link has already been used');
		expect(html).toContain('href="/login"');
	});

	it('logs out by revoking the server-side session', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const out = await request(hosts.demo, '/logout', { method: 'POST', form: {}, cookie });
		expect(out.status).toBe(303);
		const after = await request(hosts.demo, '/', { cookie });
		expect(after.status).toBe(303);
	});

	it('puts security headers on pages and keeps them out of shared caches', async () => {
		const res = await request(hosts.demo, '/login', { headers: { accept: 'text/html' } });
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('cache-control')).toContain('no-store');
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	});

	it('puts them on every kind of response: API answers, redirects and static assets (immutable headers)', async () => {
		for (const res of [
			await request(hosts.demo, '/api/health'),
			await request(hosts.demo, '/invoices', { headers: { accept: 'text/html' } }),
			await request(hosts.demo, '/favicon.svg')
		]) {
			expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
			expect(res.headers.get('referrer-policy'), res.url).toBe('strict-origin-when-cross-origin');
			expect(res.headers.get('x-frame-options'), res.url).toBe('DENY');
			expect(res.headers.get('permissions-policy'), res.url).toContain('camera=()');
		}
	});

	it('signs staff in on the dashboard host', async () => {
		const services = await seed(testServices());
		const res = await signInThroughPages(hosts.dashboard, DEMO.ownerEmail, services);
		expect(res.status).toBe(303);
		const home = await request(hosts.dashboard, '/', { cookie: res.headers.get('set-cookie')!.split(';')[0] });
		expect(await home.text()).toContain('Overview');
	});
});
