import { describe, expect, it } from 'vitest';
import { DEMO, request, seed, sessionCookie, testServices } from '../helpers';

// A fully qualified hostname may end in a dot ("localhost." is "localhost").
// The page reroute (app/hooks.ts), the request context (hooks.server.ts, the
// Hono middleware) and the development-host check must read it the same way,
// or a request lands on one side's pages with the other side's session.

describe('one hostname normalisation', () => {
	it('serves the dashboard, not portal pages, on the app host with a trailing dot', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const plain = await request('localhost:8787', '/clients', { cookie: staff });
		const dotted = await request('localhost.:8787', '/clients', { cookie: staff });
		expect(plain.status).toBe(200);
		expect(dotted.status).toBe(200);
		const html = await dotted.text();
		expect(html).toContain('Clients · CoPortal');
		expect(html).toContain('Northwind Traders');
	});

	it('treats a portal host with a trailing dot as that portal', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const res = await request('demo.localhost.:8787', '/', { cookie: casey });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Welcome, Casey Client');
	});

	it('answers the API on the dotted app host as the dashboard', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const res = await request('localhost.:8787', '/api/auth/me', { cookie: staff });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ actor: { kind: 'staff' }, workspace: { slug: 'demo' } });
	});
});
