import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientContacts, sessions } from '../../../db/schema';
import {
	ACME,
	DEMO,
	emailsTo,
	fixedClock,
	linkIn,
	scopes,
	seed,
	testClock,
	testServices
} from '../../../tests/helpers';
import { sha256Hex } from '../../services/crypto';
import { loadRequestContext } from '../workspaces/load-request-context';
import { consumeLoginLink, inspectLoginLink } from './consume-login-link';
import { requestPortalLoginLink, requestStaffLoginLink } from './request-login-link';
import { revokeSession } from './sessions';
import { updateContact } from '../clients/update-contact';

async function requestLink(services: ReturnType<typeof testServices>, email: string, ip = '203.0.113.7') {
	const { demo } = await scopes(services);
	const result = await requestPortalLoginLink({ services, workspace: demo, input: { email }, ip });
	await services.settle();
	return result;
}

async function latestToken(services: ReturnType<typeof testServices>, email: string) {
	const [mail] = await emailsTo(services, email);
	return new URL(linkIn(mail.text)).searchParams.get('token')!;
}

describe('magic-link login', () => {
	it('emails a link to a known client, for their own portal, and stores only the hash', async () => {
		const services = await seed(testServices());
		await requestLink(services, '  Client@Demo.test ');
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		expect(mail.subject).toBe('Your sign-in link for Demo Studio');
		const link = new URL(linkIn(mail.text));
		expect(link.host).toBe('demo.localhost:8787');
		const token = link.searchParams.get('token')!;
		expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
		const keys = await env.TOKENS.list();
		expect(keys.keys.map((k) => k.name)).toEqual([`login:${await sha256Hex(token)}`]);
		const stored = await env.TOKENS.get(keys.keys[0].name);
		expect(stored).not.toContain(token);
	});

	it('answers the same for an unknown email and sends nothing', async () => {
		const services = await seed(testServices());
		const known = await requestLink(services, DEMO.caseyEmail);
		const unknown = await requestLink(services, 'nobody@demo.test');
		expect(Object.keys(unknown)).toEqual(Object.keys(known));
		expect(await emailsTo(services, 'nobody@demo.test')).toEqual([]);
	});

	it("does not send a link for another workspace's client", async () => {
		const services = await seed(testServices());
		await requestLink(services, ACME.clientEmail);
		expect(await emailsTo(services, ACME.clientEmail)).toEqual([]);
	});

	it('rejects a malformed email with a field error', async () => {
		const services = await seed(testServices());
		await expect(requestLink(services, 'not-an-email')).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { email: expect.stringContaining('valid email') }
		});
	});

	it('caps the emails per address without refusing anyone, known or unknown alike', async () => {
		const services = await seed(testServices());
		const limit = services.config.loginLimitPerEmail;
		for (let i = 0; i < limit + 3; i++) {
			await expect(requestLink(services, DEMO.caseyEmail, `198.51.100.${i}`)).resolves.toEqual({
				email: DEMO.caseyEmail
			});
			await expect(requestLink(services, 'nobody@demo.test', `198.51.100.${i}`)).resolves.toEqual({
				email: 'nobody@demo.test'
			});
		}
		expect(await emailsTo(services, DEMO.caseyEmail)).toHaveLength(limit);
		expect(await emailsTo(services, 'nobody@demo.test')).toEqual([]);
		// Another address is unaffected.
		await requestLink(services, DEMO.oscarEmail, '198.51.100.201');
		expect(await emailsTo(services, DEMO.oscarEmail)).toHaveLength(1);
	});

	it('refuses an IP that floods, across emails', async () => {
		const services = await seed(testServices());
		for (let i = 0; i < services.config.loginLimitPerIp; i++)
			await requestLink(services, `person${i}@demo.test`, '192.0.2.1');
		await expect(requestLink(services, 'one-more@demo.test', '192.0.2.1')).rejects.toMatchObject({
			code: 'rate_limited',
			retryAfterSeconds: expect.any(Number)
		});
	});

	it('sends to the address again once the window has elapsed', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const limit = services.config.loginLimitPerEmail;
		for (let i = 0; i <= limit; i++) await requestLink(services, DEMO.caseyEmail, `10.0.0.${i}`);
		expect(await emailsTo(services, DEMO.caseyEmail)).toHaveLength(limit);
		clock.advance(16 * 60 * 1000);
		await requestLink(services, DEMO.caseyEmail, '10.0.1.2');
		expect(await emailsTo(services, DEMO.caseyEmail)).toHaveLength(limit + 1);
	});

	it('signs in once; the same link then says it was used', async () => {
		const services = await seed(testServices());
		const { demo } = await scopes(services);
		await requestLink(services, DEMO.caseyEmail);
		const token = await latestToken(services, DEMO.caseyEmail);
		const target = { side: 'portal' as const, workspace: demo };
		const first = await consumeLoginLink({ services, token, target, ip: '1.2.3.4', userAgent: 'test' });
		expect(first).toMatchObject({ status: 'signed_in', kind: 'client', redirectTo: '/' });
		const second = await consumeLoginLink({ services, token, target, ip: '1.2.3.4', userAgent: 'test' });
		expect(second.status).toBe('used');
		expect((await inspectLoginLink({ services, token, target })).status).toBe('used');
	});

	it('creates exactly one session when the same link is used concurrently', async () => {
		const services = await seed(testServices());
		const { demo } = await scopes(services);
		await requestLink(services, DEMO.caseyEmail);
		const token = await latestToken(services, DEMO.caseyEmail);
		const target = { side: 'portal' as const, workspace: demo };
		const results = await Promise.all(
			Array.from({ length: 8 }, () => consumeLoginLink({ services, token, target, ip: null, userAgent: null }))
		);
		expect(results.filter((r) => r.status === 'signed_in')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'used')).toHaveLength(7);
		const rows = await services.db.select().from(sessions).where(eq(sessions.contactId, DEMO.caseyContactId));
		expect(rows).toHaveLength(1);
	});

	it('expires after one hour', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { demo } = await scopes(services);
		await requestLink(services, DEMO.caseyEmail);
		const token = await latestToken(services, DEMO.caseyEmail);
		clock.advance(60 * 60 * 1000 + 1);
		const result = await consumeLoginLink({
			services,
			token,
			target: { side: 'portal', workspace: demo },
			ip: null,
			userAgent: null
		});
		expect(result.status).toBe('expired');
	});

	it("refuses a link on another workspace's portal or on the dashboard, without using it up", async () => {
		const services = await seed(testServices());
		const { demo, acme } = await scopes(services);
		await requestLink(services, DEMO.caseyEmail);
		const token = await latestToken(services, DEMO.caseyEmail);
		expect(
			(
				await consumeLoginLink({
					services,
					token,
					target: { side: 'portal', workspace: acme },
					ip: null,
					userAgent: null
				})
			).status
		).toBe('wrong_portal');
		expect(
			(await consumeLoginLink({ services, token, target: { side: 'dashboard' }, ip: null, userAgent: null })).status
		).toBe('wrong_portal');
		expect(
			(
				await consumeLoginLink({
					services,
					token,
					target: { side: 'portal', workspace: demo },
					ip: null,
					userAgent: null
				})
			).status
		).toBe('signed_in');
	});

	it('rejects garbage tokens', async () => {
		const services = await seed(testServices());
		const { demo } = await scopes(services);
		for (const token of [undefined, '', 'short', 'x'.repeat(500), '../../etc/passwd', 'A'.repeat(43)]) {
			const result = await consumeLoginLink({
				services,
				token,
				target: { side: 'portal', workspace: demo },
				ip: null,
				userAgent: null
			});
			expect(['invalid', 'expired']).toContain(result.status);
		}
	});

	it('refuses a live link once the contact is archived', async () => {
		const services = await seed(testServices());
		const { demo } = await scopes(services);
		await requestLink(services, DEMO.caseyEmail);
		const token = await latestToken(services, DEMO.caseyEmail);
		await services.db
			.update(clientContacts)
			.set({ archivedAt: testClock.now() })
			.where(eq(clientContacts.id, DEMO.caseyContactId));
		expect(
			(
				await consumeLoginLink({
					services,
					token,
					target: { side: 'portal', workspace: demo },
					ip: null,
					userAgent: null
				})
			).status
		).toBe('no_access');
	});

	it('signs staff in to the dashboard, and a revoked session stops working', async () => {
		const services = await seed(testServices());
		await requestStaffLoginLink({ services, input: { email: DEMO.ownerEmail }, ip: null });
		await services.settle();
		const token = await latestToken(services, DEMO.ownerEmail);
		const result = await consumeLoginLink({
			services,
			token,
			target: { side: 'dashboard' },
			ip: null,
			userAgent: null
		});
		if (result.status !== 'signed_in') throw new Error(result.status);
		const ctx = await loadRequestContext({
			services,
			host: { side: 'dashboard' },
			sessionCookie: result.sessionToken,
			ip: null
		});
		expect(ctx.actor).toMatchObject({ kind: 'staff', userId: DEMO.ownerUserId, role: 'owner' });
		expect(ctx.workspace?.id).toBe(DEMO.workspaceId);
		await revokeSession(services, ctx.sessionId!);
		const after = await loadRequestContext({
			services,
			host: { side: 'dashboard' },
			sessionCookie: result.sessionToken,
			ip: null
		});
		expect(after.actor.kind).toBe('anonymous');
	});

	it('sends staff links only to staff', async () => {
		const services = await seed(testServices());
		await requestStaffLoginLink({ services, input: { email: DEMO.caseyEmail }, ip: null });
		await services.settle();
		expect(await emailsTo(services, DEMO.caseyEmail)).toEqual([]);
	});

	it("a link sent before the contact's email changed signs nobody in", async () => {
		const services = await seed(testServices());
		const { demo, demoOwner } = await scopes(services);
		await requestLink(services, DEMO.caseyEmail);
		const token = await latestToken(services, DEMO.caseyEmail);
		await updateContact({
			...demoOwner,
			clientId: DEMO.northwindId,
			contactId: DEMO.caseyContactId,
			input: { email: 'casey.new@northwind.test' }
		});
		const result = await consumeLoginLink({
			services,
			token,
			target: { side: 'portal', workspace: demo },
			ip: null,
			userAgent: null
		});
		expect(result.status).toBe('no_access');
	});
});
