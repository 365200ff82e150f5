import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, memberships, users, workspaces } from '../../../db/schema';
import { DEMO, emailsTo, fixedClock, seed, testServices, type TestServices } from '../../../tests/helpers';
import { consumeSignupLink, inspectSignupLink } from './confirm-signup';
import { loadRequestContext } from './load-request-context';
import { requestSignup } from './request-signup';
import { slugProblem } from './slug';

const person = { workspaceName: 'Bright Pixel', slug: 'bright-pixel', name: 'Bea Bright', email: 'Bea@Bright.test' };

async function signupToken(services: TestServices, input: Record<string, string> = person): Promise<string> {
	await requestSignup({ services, input, ip: '203.0.113.9' });
	await services.settle();
	const [mail] = await emailsTo(services, input.email.toLowerCase());
	const match = /\/signup\/confirm\?token=([\w-]+)/.exec(mail.text);
	if (!match) throw new Error(`no sign-up link in ${mail.text}`);
	return match[1];
}

describe('workspace slugs', () => {
	it('accepts lowercase letters, digits and single inner hyphens, 3 to 40 characters', () => {
		for (const ok of ['abc', 'my-studio', 'studio42', '4ever-design', 'a'.repeat(40)])
			expect(slugProblem(ok), ok).toBeNull();
	});

	it('refuses bad characters, case, length and edge hyphens with a reason', () => {
		expect(slugProblem('ab')).toMatch(/at least 3/);
		expect(slugProblem('a'.repeat(41))).toMatch(/at most 40/);
		expect(slugProblem('My-Studio')).toMatch(/lowercase/);
		expect(slugProblem('my studio')).toMatch(/only lowercase letters, digits and hyphens/);
		expect(slugProblem('my_studio')).toMatch(/only lowercase letters/);
		expect(slugProblem('zoë')).toMatch(/only lowercase letters/);
		expect(slugProblem('my.studio')).toMatch(/only lowercase letters/);
		expect(slugProblem('-studio')).toMatch(/hyphen/);
		expect(slugProblem('studio-')).toMatch(/hyphen/);
		expect(slugProblem('my--studio')).toMatch(/single hyphens/);
	});

	it('refuses reserved names', () => {
		for (const reserved of [
			'www',
			'api',
			'app',
			'admin',
			'dashboard',
			'portal',
			'mail',
			'dev',
			'static',
			'assets',
			'help',
			'support',
			'status',
			'billing',
			'login',
			'signup'
		]) {
			expect(slugProblem(reserved), reserved).toMatch(/reserved/);
		}
	});
});

describe('sign-up', () => {
	it('answers field errors for a reserved, a taken or a malformed slug, and creates nothing', async () => {
		const services = await seed(testServices());
		const workspacesBefore = await services.db.$count(workspaces);
		await expect(requestSignup({ services, input: { ...person, slug: 'admin' }, ip: null })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { slug: expect.stringMatching(/reserved/) }
		});
		await expect(requestSignup({ services, input: { ...person, slug: DEMO.slug }, ip: null })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { slug: expect.stringMatching(/taken/) }
		});
		await expect(requestSignup({ services, input: { ...person, slug: 'Bad Slug!' }, ip: null })).rejects.toMatchObject({
			fields: { slug: expect.any(String) }
		});
		await expect(requestSignup({ services, input: { slug: 'fine-slug' }, ip: null })).rejects.toMatchObject({
			fields: { workspaceName: expect.any(String), name: expect.any(String), email: expect.any(String) }
		});
		await services.settle();
		expect(await emailsTo(services, 'bea@bright.test')).toEqual([]);
		expect(await services.db.$count(workspaces)).toBe(workspacesBefore);
	});

	it('creates nothing until the emailed link is confirmed, then exactly one workspace with its owner signed in', async () => {
		const services = await seed(testServices());
		const token = await signupToken(services);
		expect(await services.db.select().from(workspaces).where(eq(workspaces.slug, 'bright-pixel'))).toEqual([]);
		expect(await inspectSignupLink({ services, token })).toMatchObject({
			status: 'valid',
			payload: { slug: 'bright-pixel', email: 'bea@bright.test' }
		});

		const result = await consumeSignupLink({ services, token, ip: null, userAgent: 'test' });
		if (result.status !== 'created') throw new Error(result.status);
		const [ws] = await services.db.select().from(workspaces).where(eq(workspaces.slug, 'bright-pixel'));
		expect(ws).toMatchObject({ name: 'Bright Pixel', displayName: 'Bright Pixel' });
		const [user] = await services.db.select().from(users).where(eq(users.email, 'bea@bright.test'));
		expect(await services.db.select().from(memberships).where(eq(memberships.workspaceId, ws.id))).toEqual([
			expect.objectContaining({ userId: user.id, role: 'owner', acceptedAt: expect.any(Number) })
		]);
		const ctx = await loadRequestContext({
			services,
			host: { side: 'dashboard' },
			sessionCookie: result.sessionToken,
			ip: null
		});
		expect(ctx.workspace?.id).toBe(ws.id);
		expect(ctx.actor).toMatchObject({ kind: 'staff', role: 'owner', name: 'Bea Bright' });
		expect(
			await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.workspaceId, ws.id))
		).toEqual([{ verb: 'workspace.created' }]);

		expect((await consumeSignupLink({ services, token, ip: null, userAgent: null })).status).toBe('used');
	});

	it('creates exactly one workspace when the same link is confirmed concurrently', async () => {
		const services = await seed(testServices());
		const token = await signupToken(services);
		const results = await Promise.all(
			Array.from({ length: 8 }, () => consumeSignupLink({ services, token, ip: null, userAgent: null }))
		);
		expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'used')).toHaveLength(7);
		expect(await services.db.select().from(workspaces).where(eq(workspaces.slug, 'bright-pixel'))).toHaveLength(1);
		expect(await services.db.select().from(users).where(eq(users.email, 'bea@bright.test'))).toHaveLength(1);
	});

	it('gives the address to the first person who confirms; the other link says it is taken and uses nothing', async () => {
		const services = await seed(testServices());
		const first = await signupToken(services);
		const second = await signupToken(services, { ...person, email: 'someone@else.test', name: 'Someone Else' });
		expect((await consumeSignupLink({ services, token: second, ip: null, userAgent: null })).status).toBe('created');
		expect((await inspectSignupLink({ services, token: first })).status).toBe('taken');
		expect((await consumeSignupLink({ services, token: first, ip: null, userAgent: null })).status).toBe('taken');
		expect(await services.db.select().from(workspaces).where(eq(workspaces.slug, 'bright-pixel'))).toHaveLength(1);
	});

	it('adds a workspace to an existing staff account instead of a second user', async () => {
		const services = await seed(testServices());
		const token = await signupToken(services, { ...person, email: DEMO.ownerEmail, name: 'Ignored Name' });
		const result = await consumeSignupLink({ services, token, ip: null, userAgent: null });
		expect(result.status).toBe('created');
		expect(await services.db.select().from(users).where(eq(users.email, DEMO.ownerEmail))).toHaveLength(1);
		expect(await services.db.select().from(memberships).where(eq(memberships.userId, DEMO.ownerUserId))).toHaveLength(
			2
		);
	});

	it('expires the link after one hour', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const token = await signupToken(services);
		clock.advance(60 * 60 * 1000 + 1);
		expect((await consumeSignupLink({ services, token, ip: null, userAgent: null })).status).toBe('expired');
		expect((await consumeSignupLink({ services, token: 'garbage', ip: null, userAgent: null })).status).toBe('invalid');
	});

	it('caps sign-up emails per address without refusing the request, and refuses an IP that floods', async () => {
		const services = await seed(testServices());
		for (let i = 0; i < 7; i++)
			await expect(
				requestSignup({ services, input: { ...person, slug: `bright-${i}` }, ip: `198.51.100.${i}` })
			).resolves.toMatchObject({ email: 'bea@bright.test' });
		await services.settle();
		expect(await emailsTo(services, 'bea@bright.test')).toHaveLength(5);
		for (let i = 0; i < 10; i++)
			await requestSignup({
				services,
				input: { ...person, email: `p${i}@bright.test`, slug: `ip-${i}` },
				ip: '192.0.2.7'
			});
		await expect(
			requestSignup({ services, input: { ...person, email: 'p10@bright.test', slug: 'ip-10' }, ip: '192.0.2.7' })
		).rejects.toMatchObject({ code: 'rate_limited' });
	});
});

describe('workspace settings', () => {
	it('lets owners rename the workspace and pick a real currency', async () => {
		const { scopes } = await import('../../../tests/helpers');
		const { updateWorkspaceSettings } = await import('./update-workspace-settings');
		const services = await seed(testServices());
		const { demoOwner, demo } = await scopes(services);
		await expect(
			updateWorkspaceSettings({ ...demoOwner, input: { name: 'X', defaultCurrency: 'XXQ' } })
		).rejects.toMatchObject({ fields: { defaultCurrency: expect.any(String) } });
		await updateWorkspaceSettings({ ...demoOwner, input: { name: '  Demo Ltd ', defaultCurrency: 'ghs' } });
		expect((await services.db.select().from(workspaces).where(eq(workspaces.id, demo.id)))[0]).toMatchObject({
			name: 'Demo Ltd',
			defaultCurrency: 'GHS'
		});
		const { staffActor } = await import('../../../tests/helpers');
		const member = {
			services,
			workspace: demo,
			actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId)
		};
		await expect(
			updateWorkspaceSettings({ ...member, input: { name: 'Mine', defaultCurrency: 'USD' } })
		).rejects.toMatchObject({ code: 'forbidden' });
	});
});
