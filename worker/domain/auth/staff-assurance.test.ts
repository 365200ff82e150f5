import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, passkeys, sessions } from '../../../db/schema';
import {
	ACME,
	DEMO,
	emailsTo,
	fixedClock,
	linkIn,
	scopes,
	seed,
	staffAccount,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import fixture from '../../../tests/fixtures/webauthn.json';
import { accountOf } from '../factors/account';
import { confirmTotpSetup } from '../factors/confirm-totp-setup';
import { removePasskey } from '../factors/remove-passkey';
import { removeTotp } from '../factors/remove-totp';
import { startTotpSetup } from '../factors/totp-setup';
import { base32Decode, hotp, totpStep } from '../factors/totp';
import { setSecondFactorRequirement } from '../workspaces/second-factor-requirement';
import { loadRequestContext } from '../workspaces/load-request-context';
import { PENDING_SESSION_TTL_MS } from './assurance';
import { consumeLoginLink } from './consume-login-link';
import { listMySessions, signOutOtherSessions, signOutSession } from './my-sessions';
import { requestStaffLoginLink } from './request-login-link';

const code = async (secret: string, now: number) => hotp(base32Decode(secret)!, totpStep(now));

async function givePasskey(services: TestServices, userId: string, id = 'pky_test') {
	await services.db.insert(passkeys).values({
		id,
		userId,
		credentialId: `${fixture.credentialId}-${id}`,
		publicKey: fixture.publicKey,
		deviceType: 'singleDevice',
		name: 'Test key',
		createdAt: services.clock.now()
	});
}

async function emailLinkSession(services: TestServices, email: string) {
	await requestStaffLoginLink({ services, input: { email }, ip: null });
	await services.settle();
	const [mail] = await emailsTo(services, email);
	const token = new URL(linkIn(mail.text)).searchParams.get('token')!;
	const result = await consumeLoginLink({
		services,
		token,
		target: { side: 'dashboard' },
		ip: '198.51.100.4',
		userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15'
	});
	if (result.status !== 'signed_in') throw new Error(result.status);
	return {
		...result,
		context: () =>
			loadRequestContext({ services, host: { side: 'dashboard' }, sessionCookie: result.sessionToken, ip: null })
	};
}

const feed = async (services: TestServices, workspaceId = DEMO.workspaceId) =>
	(
		await services.db
			.select({ verb: activity.verb, summary: activity.summary })
			.from(activity)
			.where(eq(activity.workspaceId, workspaceId))
	).filter((a) => a.verb.startsWith('auth.') || a.verb.startsWith('workspace.second'));

describe('email-link sign-in of staff with a second factor', () => {
	it('without a factor: a full session at once, and "signed in" in the feed', async () => {
		const services = await seed(testServices());
		const result = await emailLinkSession(services, DEMO.ownerEmail);
		expect(result.redirectTo).toBe('/');
		expect((await result.context()).actor.kind).toBe('staff');
		expect(await feed(services)).toEqual([{ verb: 'auth.signed_in', summary: expect.stringContaining('email link') }]);
	});

	it('with a factor: a pending session that only lasts 15 minutes and goes to the second step', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		await givePasskey(services, DEMO.ownerUserId);
		const result = await emailLinkSession(services, DEMO.ownerEmail);
		expect(result.redirectTo).toBe('/auth/second-factor');
		expect(result.expiresAt).toBe(clock.now() + PENDING_SESSION_TTL_MS);
		const ctx = await result.context();
		expect(ctx.actor.kind).toBe('anonymous');
		expect(ctx.workspace).toBeNull();
		expect(ctx.pending).toMatchObject({ need: 'verify', userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		expect(await feed(services)).toEqual([]);
		clock.advance(PENDING_SESSION_TTL_MS + 1);
		expect((await result.context()).pending).toBeUndefined();
	});
});

describe('a workspace that requires a second factor', () => {
	it('an owner without a factor cannot turn it on (they would lock themselves out)', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(
			setSecondFactorRequirement({ ...demoOwner, input: { requireSecondFactor: true } })
		).rejects.toMatchObject({ code: 'conflict' });
		const { demo } = await scopes(services);
		expect(demo.requireSecondFactor).toBe(false);
	});

	it('members without a factor must set one up before anything else, and can', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		await givePasskey(services, DEMO.ownerUserId);
		const { demoOwner } = await scopes(services);
		await setSecondFactorRequirement({ ...demoOwner, input: { requireSecondFactor: 'on' } });
		// The owner's own email-link session still needs their factor; the member's needs one set up.
		const ownerSession = await emailLinkSession(services, DEMO.ownerEmail);
		expect((await ownerSession.context()).pending?.need).toBe('verify');
		const member = await emailLinkSession(services, DEMO.memberEmail);
		const ctx = await member.context();
		expect(ctx.pending?.need).toBe('enrol');
		const account = accountOf(services, ctx);
		const setup = await startTotpSetup(account);
		await confirmTotpSetup({ ...account, input: { code: await code(setup.secret, clock.now()) } });
		expect((await member.context()).actor).toMatchObject({ kind: 'staff', userId: DEMO.memberUserId });
		const verbs = (await feed(services)).map((a) => a.verb);
		expect(verbs).toEqual(['workspace.second_factor_required', 'auth.second_factor_added', 'auth.signed_in']);
	});

	it('applies to sessions that were already open, and not to another workspace', async () => {
		const services = await seed(testServices());
		await givePasskey(services, DEMO.ownerUserId);
		const member = await staffAccount(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const acme = await staffAccount(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId });
		expect((await member.context()).actor.kind).toBe('staff');
		const { demoOwner } = await scopes(services);
		await setSecondFactorRequirement({ ...demoOwner, input: { requireSecondFactor: true } });
		expect((await member.context()).pending?.need).toBe('enrol');
		expect((await acme.context()).actor.kind).toBe('staff');
		// Turned off again: the member's session is back.
		await setSecondFactorRequirement({ ...demoOwner, input: { requireSecondFactor: false } });
		expect((await member.context()).actor.kind).toBe('staff');
		expect((await feed(services)).map((a) => a.verb)).toEqual([
			'workspace.second_factor_required',
			'workspace.second_factor_optional'
		]);
	});

	it('the last factor cannot be removed while a workspace of theirs requires one', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const setup = await startTotpSetup(owner.account);
		await confirmTotpSetup({ ...owner.account, input: { code: await code(setup.secret, clock.now()) } });
		await givePasskey(services, DEMO.ownerUserId);
		const { demoOwner } = await scopes(services);
		await setSecondFactorRequirement({ ...demoOwner, input: { requireSecondFactor: true } });
		const account = accountOf(services, await owner.context());
		await removePasskey({ ...account, passkeyId: 'pky_test' });
		await expect(removeTotp(account)).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringContaining('last one')
		});
		await setSecondFactorRequirement({ ...demoOwner, input: { requireSecondFactor: false } });
		await removeTotp(account);
		const verbs = (await feed(services)).map((a) => a.verb);
		expect(verbs.filter((v) => v === 'auth.second_factor_removed')).toHaveLength(2);
	});

	it('a passkey of someone else is not found, and nothing is removed', async () => {
		const services = await seed(testServices());
		await givePasskey(services, DEMO.memberUserId, 'pky_member');
		const owner = await staffAccount(services, {
			userId: DEMO.ownerUserId,
			workspaceId: DEMO.workspaceId,
			secondFactor: true
		});
		await expect(removePasskey({ ...owner.account, passkeyId: 'pky_member' })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await services.db.$count(passkeys)).toBe(1);
	});
});

describe('my sessions', () => {
	it('lists only my live staff sessions, marks this one, and signs others out', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const phone = await staffAccount(services, {
			userId: DEMO.ownerUserId,
			workspaceId: DEMO.workspaceId,
			userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1'
		});
		clock.advance(1000);
		const laptop = await staffAccount(services, {
			userId: DEMO.ownerUserId,
			workspaceId: DEMO.workspaceId,
			userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36'
		});
		await staffAccount(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const list = await listMySessions(laptop.account);
		expect(list.map((s) => [s.device, s.current])).toEqual([
			['Chrome on Linux', true],
			['Safari on iPhone', false]
		]);
		expect(list.every((s) => s.id.startsWith('ses_'))).toBe(true);
		// Another person's session: not found.
		const member = (await services.db.select().from(sessions).where(eq(sessions.userId, DEMO.memberUserId)).get())!;
		await expect(signOutSession({ ...laptop.account, sessionPublicId: member.publicId! })).rejects.toMatchObject({
			code: 'not_found'
		});
		await signOutSession({ ...laptop.account, sessionPublicId: phone.publicId });
		expect((await phone.context()).actor.kind).toBe('anonymous');
		expect((await listMySessions(laptop.account)).map((s) => s.device)).toEqual(['Chrome on Linux']);
		expect(await feed(services)).toEqual([
			{ verb: 'auth.session_revoked', summary: expect.stringContaining('Safari on iPhone') }
		]);
	});

	it('"sign out everywhere else" ends every other session of mine, pending ones too, and nobody else\'s', async () => {
		const services = await seed(testServices());
		const here = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const member = await staffAccount(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		expect(await signOutOtherSessions(here.account)).toEqual({ signedOut: 2 });
		expect((await here.context()).actor.kind).toBe('staff');
		expect((await member.context()).actor.kind).toBe('staff');
		expect(
			await services.db.$count(sessions, and(eq(sessions.userId, DEMO.ownerUserId), isNull(sessions.revokedAt)))
		).toBe(1);
		expect(await signOutOtherSessions(here.account)).toEqual({ signedOut: 0 });
		expect((await feed(services)).map((a) => a.summary)).toEqual([expect.stringContaining('2 other sessions')]);
	});

	it('a pending session cannot manage sessions or factors', async () => {
		const services = await seed(testServices());
		await givePasskey(services, DEMO.ownerUserId);
		const pending = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await expect(listMySessions(pending.account)).rejects.toMatchObject({ code: 'second_factor_required' });
		await expect(signOutOtherSessions(pending.account)).rejects.toMatchObject({ code: 'second_factor_required' });
		await expect(removePasskey({ ...pending.account, passkeyId: 'pky_test' })).rejects.toMatchObject({
			code: 'second_factor_required'
		});
		await expect(startTotpSetup(pending.account)).rejects.toMatchObject({ code: 'second_factor_required' });
	});
});
