import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO, hosts, request, requestSettled, scopes, seed, testServices, type TestServices } from '../helpers';
import { requestPortalLoginLink, requestStaffLoginLink } from '../../worker/domain/auth/request-login-link';
import { createDb } from '../../worker/services/db';

// A sign-in link request must not tell a known address from an unknown one by
// its timing. Structurally: the response path does the same D1 work for both
// (only the per-IP limit), and everything that differs (the per-address limit,
// the lookup, the token, the email) starts only after the response.

/** The services with a D1 that records every statement's SQL, in order. */
function recording(services: TestServices) {
	const sql: string[] = [];
	const d1 = new Proxy(env.DB, {
		get(target, prop) {
			if (prop === 'prepare') return (query: string) => (sql.push(query), target.prepare(query));
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	return { services: { ...services, db: createDb(d1) } as TestServices, sql };
}

// A batched query is prepared twice (by drizzle, then as the `select * from (...)` db.batch
// sends, services/db.ts): distinct statements, the batch's wrapper taken off, are what ran.
const unwrapped = (q: string) => q.replace(/^select \* from \(([\s\S]*)\)$/, '$1');
const touches = (sql: string[], table: string) =>
	[...new Set(sql.map(unwrapped))].filter((q) => q.includes(`"${table}"`) || q.includes(` ${table} `));

describe('the sign-in link request answers before it looks anything up', () => {
	it('portal: before the reply, only the per-IP limit; the lookup and email come after, the same for known and unknown', async () => {
		const base = await seed(testServices());
		const { demo } = await scopes(base);
		const beforeReply: string[][] = [];
		for (const email of [DEMO.caseyEmail, 'nobody@demo.test']) {
			const { services, sql } = recording(base);
			await requestPortalLoginLink({ services, workspace: demo, input: { email }, ip: '203.0.113.5' });
			beforeReply.push([...sql]);
			expect(touches(sql, 'client_contacts')).toEqual([]);
			expect(sql).toHaveLength(1);
			expect(sql[0]).toMatch(/INSERT INTO rate_limits/);
			await base.settle();
			expect(touches(sql, 'client_contacts')).toHaveLength(1);
		}
		expect(beforeReply[0]).toEqual(beforeReply[1]);
	});

	it('dashboard: the same for staff addresses', async () => {
		const base = await seed(testServices());
		const beforeReply: string[][] = [];
		for (const email of [DEMO.memberEmail, 'nobody@demo.test']) {
			const { services, sql } = recording(base);
			await requestStaffLoginLink({ services, input: { email }, ip: '203.0.113.6' });
			beforeReply.push([...sql]);
			expect(touches(sql, 'users')).toEqual([]);
			await base.settle();
			expect(touches(sql, 'users')).toHaveLength(1);
		}
		expect(beforeReply[0]).toEqual(beforeReply[1]);
		expect(beforeReply[0]).toHaveLength(1);
	});

	it('through the Worker, API and page do the same D1 work on the response path for known and unknown addresses: the request context and the IP limit', async () => {
		await seed(testServices());
		const statements = (res: Response) => Number(res.headers.get('x-d1-statements'));
		for (const [host, known] of [
			[hosts.demo, DEMO.caseyEmail],
			[hosts.dashboard, DEMO.memberEmail]
		] as const) {
			// The request context alone (host, workspace, no session) is the baseline.
			const context = statements(await request(host, '/api/auth/me'));
			const api = await Promise.all(
				[known, 'nobody@demo.test'].map((email, i) =>
					requestSettled(host, '/api/auth/login-link', {
						json: { email },
						headers: { 'cf-connecting-ip': `198.51.100.${i + 1}` }
					})
				)
			);
			expect(api.map((r) => r.status)).toEqual([202, 202]);
			expect(api.map(statements)).toEqual([context + 1, context + 1]);
			const page = await Promise.all(
				[known, 'nobody@demo.test'].map((email, i) =>
					requestSettled(host, '/login', { form: { email }, headers: { 'cf-connecting-ip': `198.51.100.${i + 10}` } })
				)
			);
			expect(page.map((r) => r.status)).toEqual([200, 200]);
			// The page's own reads (the portal's sign-in page lists the intake forms) are the same for both.
			const pageBase = statements(await request(host, '/login'));
			expect(page.map(statements)).toEqual([pageBase + 1, pageBase + 1]);
		}
	});
});
