import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailLog } from '../../db/schema';
import { DEMO, emailsTo, hosts, linkIn, requestSettled, seed, testServices, type TestServices } from '../helpers';

// Requests for someone else's address must never lock that person out of
// signing in. The reply is the same 202 (and the same page) whatever the
// limits do; the per-address limit only caps how many emails are sent (any of
// them still signs in), and only a flooding IP is ever refused.

const ATTACKERS = Array.from({ length: 8 }, (_, i) => `203.0.113.${i + 1}`);
const VICTIM_IP = '198.51.100.50';

async function loginEmails(services: TestServices, to: string) {
	return services.db
		.select()
		.from(emailLog)
		.where(and(eq(emailLog.to, to), eq(emailLog.tag, 'login')));
}

describe('nobody can lock a person out of sign-in', () => {
	for (const [side, host, email] of [
		['staff', hosts.dashboard, DEMO.memberEmail],
		['client', hosts.demo, DEMO.caseyEmail]
	] as const) {
		it(`${side}: after a flood from other IPs, the person's own request gets the same 202 and a working link is in their inbox`, async () => {
			const services = await seed(testServices());
			const flood = await Promise.all(
				ATTACKERS.map((ip) =>
					requestSettled(host, '/api/auth/login-link', { json: { email }, headers: { 'cf-connecting-ip': ip } })
				)
			);
			expect(flood.map((r) => r.status)).toEqual(ATTACKERS.map(() => 202));
			const own = await requestSettled(host, '/api/auth/login-link', {
				json: { email },
				headers: { 'cf-connecting-ip': VICTIM_IP }
			});
			expect(own.status).toBe(202);
			expect(await own.json()).toEqual(await flood[0].json());
			// At most the per-address limit of emails went out, and the newest link still signs in.
			const sent = await loginEmails(services, email);
			expect(sent.length).toBeGreaterThan(0);
			expect(sent.length).toBeLessThanOrEqual(services.config.loginLimitPerEmail);
			const [latest] = await emailsTo(services, email);
			const link = new URL(linkIn(latest.text));
			const signIn = await requestSettled(host, link.pathname + link.search, { method: 'POST', form: {} });
			expect(signIn.status).toBe(303);
			expect(signIn.headers.get('set-cookie')).toMatch(/^cp_session=/);
		});
	}

	it('the login page answers the same after a flood, and says what to do if nothing arrives', async () => {
		const services = await seed(testServices());
		for (const ip of ATTACKERS)
			await requestSettled(hosts.demo, '/login', {
				form: { email: DEMO.caseyEmail },
				headers: { 'cf-connecting-ip': ip }
			});
		const page = await requestSettled(hosts.demo, '/login', {
			form: { email: DEMO.caseyEmail },
			headers: { 'cf-connecting-ip': VICTIM_IP }
		});
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Check your email');
		expect(html).toMatch(/any link we sent in the last hour still works/i);
		expect((await loginEmails(services, DEMO.caseyEmail)).length).toBeLessThanOrEqual(
			services.config.loginLimitPerEmail
		);
	});

	it('only the flooding IP is refused (429), never the address it asked for', async () => {
		const services = await seed(testServices());
		const flooder = '192.0.2.99';
		const statuses: number[] = [];
		for (let i = 0; i <= services.config.loginLimitPerIp; i++) {
			statuses.push(
				(
					await requestSettled(hosts.demo, '/api/auth/login-link', {
						json: { email: DEMO.caseyEmail },
						headers: { 'cf-connecting-ip': flooder }
					})
				).status
			);
		}
		expect(statuses.at(-1)).toBe(429);
		expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
		expect(
			(
				await requestSettled(hosts.demo, '/api/auth/login-link', {
					json: { email: DEMO.caseyEmail },
					headers: { 'cf-connecting-ip': VICTIM_IP }
				})
			).status
		).toBe(202);
	});
});

describe('nobody can lock an address out of sign-up', () => {
	it('sign-up requests for someone else’s address never refuse that person; only the emails are capped', async () => {
		const services = await seed(testServices());
		const person = { workspaceName: 'Bright Pixel', name: 'Bea Bright', email: 'bea@bright.test' };
		for (const [i, ip] of ATTACKERS.entries()) {
			expect(
				(
					await requestSettled(hosts.dashboard, '/api/signup', {
						json: { ...person, slug: `flood-${i}` },
						headers: { 'cf-connecting-ip': ip }
					})
				).status
			).toBe(202);
		}
		const own = await requestSettled(hosts.dashboard, '/api/signup', {
			json: { ...person, slug: 'bright-pixel' },
			headers: { 'cf-connecting-ip': VICTIM_IP }
		});
		expect(own.status).toBe(202);
		expect((await emailsTo(services, person.email)).length).toBeLessThanOrEqual(5);
	});
});
