import { and, eq, isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, rateLimits, recoveryCodes, sessions, totpFactors } from '../../../db/schema';
import { DEMO, fixedClock, seed, staffAccount, testServices, type TestServices } from '../../../tests/helpers';
import { confirmTotpSetup } from './confirm-totp-setup';
import { removeTotp } from './remove-totp';
import { getPendingTotp, startTotpSetup, TOTP_SETUP_TTL_MS } from './totp-setup';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpStep } from './totp';
import { useRecoveryCode } from './use-recovery-code';
import { verifyTotpCode } from './verify-totp-code';
import { accountOf } from './account';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(new TextEncoder().encode('12345678901234567890'));
const RFC_VECTORS: [number, string][] = [
	[59, '94287082'],
	[1111111109, '07081804'],
	[1111111111, '14050471'],
	[1234567890, '89005924'],
	[2000000000, '69279037'],
	[20000000000, '65353130']
];

/** What an authenticator app shows at `now` for a base32 secret. */
async function appCode(secret: string, now: number, stepOffset = 0) {
	return hotp(base32Decode(secret)!, totpStep(now) + stepOffset);
}

describe('TOTP (RFC 6238)', () => {
	it('matches the RFC 6238 SHA-1 test vectors', async () => {
		const seedBytes = base32Decode(RFC_SECRET)!;
		for (const [seconds, expected] of RFC_VECTORS) {
			expect(await hotp(seedBytes, totpStep(seconds * 1000), 8), `T=${seconds}`).toBe(expected);
			// Apps show the last 6 digits.
			expect(await hotp(seedBytes, totpStep(seconds * 1000)), `T=${seconds}`).toBe(expected.slice(2));
		}
	});

	it('accepts the code of this step or one either side, and says which step it was', async () => {
		for (const [seconds, expected] of RFC_VECTORS) {
			const now = seconds * 1000;
			expect(await matchTotp(RFC_SECRET, expected.slice(2), now)).toBe(totpStep(now));
			expect(await matchTotp(RFC_SECRET, expected.slice(2), now + 30_000)).toBe(totpStep(now));
			expect(await matchTotp(RFC_SECRET, expected.slice(2), now - 30_000)).toBe(totpStep(now));
			expect(await matchTotp(RFC_SECRET, expected.slice(2), now + 60_000)).toBeNull();
		}
		expect(await matchTotp(RFC_SECRET, '287 082', 59_000)).toBe(1);
		expect(await matchTotp(RFC_SECRET, 'abcdef', 59_000)).toBeNull();
		expect(await matchTotp('not base32!', '287082', 59_000)).toBeNull();
	});

	it('round-trips base32 and writes the otpauth URI apps read', () => {
		const bytes = crypto.getRandomValues(new Uint8Array(20));
		expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
		expect(base32Decode('gezd gnbv gy3t qojq')).toEqual(new TextEncoder().encode('1234567890'));
		const uri = new URL(otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'ada@demo.test', issuer: 'CoPortal' }));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.host).toBe('totp');
		expect(decodeURIComponent(uri.pathname)).toBe('/CoPortal:ada@demo.test');
		expect(Object.fromEntries(uri.searchParams)).toEqual({
			secret: 'JBSWY3DPEHPK3PXP',
			issuer: 'CoPortal',
			algorithm: 'SHA1',
			digits: '6',
			period: '30'
		});
	});
});

async function enrolTotp(services: TestServices, clock: ReturnType<typeof fixedClock>) {
	const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
	const setup = await startTotpSetup(owner.account);
	const confirmed = await confirmTotpSetup({
		...owner.account,
		input: { code: await appCode(setup.secret, clock.now()) }
	});
	return { owner, secret: setup.secret, recoveryCodes: confirmed.recoveryCodes! };
}

describe('authenticator app setup', () => {
	it('stores the secret encrypted and bound to the person, with a QR code of the otpauth URI', async () => {
		const services = await seed(testServices());
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const setup = await startTotpSetup(owner.account);
		expect(setup.uri).toContain(`secret=${setup.secret}`);
		expect(setup.qrSvg).toMatch(/^<svg [^>]*role="img"[^>]*>.*<\/svg>$/);
		expect(setup.qrSvg).not.toContain(setup.secret);
		const row = await services.db.select().from(totpFactors).where(eq(totpFactors.userId, DEMO.ownerUserId)).get();
		expect(row?.secretEnc).not.toContain(setup.secret);
		expect(row?.confirmedAt).toBeNull();
		// The same sealed secret copied onto another person's row does not open for them.
		await services.db.insert(totpFactors).values({
			id: 'otp_copy',
			userId: DEMO.memberUserId,
			secretEnc: row!.secretEnc,
			createdAt: services.clock.now()
		});
		const member = await staffAccount(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		expect(await getPendingTotp(member.account)).toBeNull();
		expect((await getPendingTotp(owner.account))?.secret).toBe(setup.secret);
	});

	it('confirms with a current code, issues 10 recovery codes once and verifies the session it was set up in', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { owner, recoveryCodes: codes } = await enrolTotp(services, clock);
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		const stored = await services.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, DEMO.ownerUserId));
		expect(stored).toHaveLength(10);
		for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));
		expect((await services.db.select().from(sessions).where(eq(sessions.id, owner.sessionId)).get())?.mfaMethod).toBe(
			'totp'
		);
		expect((await owner.context()).actor.kind).toBe('staff');
	});

	it('refuses a wrong code, an expired setup, and a second app', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const setup = await startTotpSetup(owner.account);
		await expect(
			confirmTotpSetup({ ...owner.account, input: { code: await appCode(setup.secret, clock.now(), 3) } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { code: expect.any(String) } });
		await expect(confirmTotpSetup({ ...owner.account, input: {} })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { code: expect.any(String) }
		});
		clock.advance(TOTP_SETUP_TTL_MS + 1);
		await expect(
			confirmTotpSetup({ ...owner.account, input: { code: await appCode(setup.secret, clock.now()) } })
		).rejects.toMatchObject({ code: 'gone' });
		const again = await startTotpSetup(owner.account);
		await confirmTotpSetup({ ...owner.account, input: { code: await appCode(again.secret, clock.now()) } });
		await expect(startTotpSetup(owner.account)).rejects.toMatchObject({ code: 'conflict' });
	});
});

describe('signing in with an authenticator app (pinned clock)', () => {
	it('a magic-link session of a person with an app waits for a code, then is signed in', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { secret } = await enrolTotp(services, clock);
		clock.advance(60_000);
		const next = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const before = await next.context();
		expect(before.actor.kind).toBe('anonymous');
		expect(before.pending).toMatchObject({ need: 'verify', userId: DEMO.ownerUserId });
		await verifyTotpCode({ ...next.account, input: { code: await appCode(secret, clock.now()) } });
		expect((await next.context()).actor).toMatchObject({ kind: 'staff', userId: DEMO.ownerUserId });
		const verbs = (
			await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.subjectId, DEMO.ownerUserId))
		).map((r) => r.verb);
		expect(verbs).toContain('auth.signed_in');
	});

	it('never accepts one code twice, even from another session in the same 30 seconds', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { secret } = await enrolTotp(services, clock);
		clock.advance(30_000);
		const code = await appCode(secret, clock.now());
		const first = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const second = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await verifyTotpCode({ ...first.account, input: { code } });
		await expect(verifyTotpCode({ ...second.account, input: { code } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { code: expect.stringContaining('already used') }
		});
		// The code of an earlier step (still inside the drift window) is refused too: steps only move forward.
		await expect(
			verifyTotpCode({ ...second.account, input: { code: await appCode(secret, clock.now(), -1) } })
		).rejects.toMatchObject({ code: 'validation_failed' });
		expect((await second.context()).pending?.need).toBe('verify');
		clock.advance(30_000);
		await verifyTotpCode({ ...second.account, input: { code: await appCode(secret, clock.now()) } });
		expect((await second.context()).actor.kind).toBe('staff');
	});

	it('lets exactly one of several concurrent requests use a code', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { secret } = await enrolTotp(services, clock);
		clock.advance(30_000);
		const code = await appCode(secret, clock.now());
		const tabs = await Promise.all(
			[1, 2, 3, 4].map(() => staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }))
		);
		const results = await Promise.allSettled(tabs.map((t) => verifyTotpCode({ ...t.account, input: { code } })));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	});

	it('the code used to set the app up cannot sign in', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const setup = await startTotpSetup(owner.account);
		const code = await appCode(setup.secret, clock.now());
		await confirmTotpSetup({ ...owner.account, input: { code } });
		const other = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await expect(verifyTotpCode({ ...other.account, input: { code } })).rejects.toMatchObject({
			code: 'validation_failed'
		});
	});

	it('limits code attempts per session and per person, and records failures', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { secret } = await enrolTotp(services, clock);
		const wrong = String((Number(await appCode(secret, clock.now())) + 500_000) % 1_000_000).padStart(6, '0');
		const tab = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (let i = 0; i < 5; i++)
			await expect(verifyTotpCode({ ...tab.account, input: { code: wrong } })).rejects.toMatchObject({
				code: 'validation_failed'
			});
		// The sixth try in this session is refused before the code is even checked, right or wrong.
		clock.advance(30_000);
		await expect(
			verifyTotpCode({ ...tab.account, input: { code: await appCode(secret, clock.now()) } })
		).rejects.toMatchObject({ code: 'rate_limited' });
		// Another session has its own allowance, until the person's (10 per hour) runs out.
		const tab2 = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (let i = 0; i < 4; i++)
			await expect(verifyTotpCode({ ...tab2.account, input: { code: wrong } })).rejects.toMatchObject({
				code: 'validation_failed'
			});
		const tab3 = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await expect(
			verifyTotpCode({ ...tab3.account, input: { code: await appCode(secret, clock.now()) } })
		).rejects.toMatchObject({ code: 'rate_limited', message: expect.stringContaining('passkey') });
		const failed = await services.db.$count(
			activity,
			and(eq(activity.verb, 'auth.second_factor_failed'), eq(activity.workspaceId, DEMO.workspaceId))
		);
		expect(failed).toBe(9);
		// An hour later the person can try again.
		clock.advance(60 * 60_000);
		await verifyTotpCode({ ...tab3.account, input: { code: await appCode(secret, clock.now()) } });
		expect(await services.db.$count(rateLimits)).toBeGreaterThan(0);
	});
});

describe('recovery codes', () => {
	it('each signs in once; the feed says how many are left', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { recoveryCodes: codes } = await enrolTotp(services, clock);
		const tab = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		// Typed loosely: case, spaces and hyphens do not matter.
		const result = await useRecoveryCode({
			...tab.account,
			input: { recoveryCode: ` ${codes[0].toUpperCase().replace('-', ' ')} ` }
		});
		expect(result.recoveryCodesLeft).toBe(9);
		expect((await tab.context()).actor.kind).toBe('staff');
		const again = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await expect(useRecoveryCode({ ...again.account, input: { recoveryCode: codes[0] } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { recoveryCode: expect.any(String) }
		});
		await expect(useRecoveryCode({ ...again.account, input: { recoveryCode: 'aaaaa-bbbbb' } })).rejects.toMatchObject({
			code: 'validation_failed'
		});
		const summaries = (
			await services.db
				.select({ summary: activity.summary })
				.from(activity)
				.where(and(eq(activity.verb, 'auth.recovery_code_used'), eq(activity.workspaceId, DEMO.workspaceId)))
		).map((r) => r.summary);
		expect(summaries).toEqual([expect.stringContaining('9 left')]);
	});

	it("another person's code does not work", async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { recoveryCodes: codes } = await enrolTotp(services, clock);
		const member = await staffAccount(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		const memberSetup = await startTotpSetup(member.account);
		await confirmTotpSetup({ ...member.account, input: { code: await appCode(memberSetup.secret, clock.now()) } });
		const memberTab = await staffAccount(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		await expect(useRecoveryCode({ ...memberTab.account, input: { recoveryCode: codes[1] } })).rejects.toMatchObject({
			code: 'validation_failed'
		});
	});
});

describe('removing the authenticator app', () => {
	it('removes it and the recovery codes that stood in for it', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const { owner } = await enrolTotp(services, clock);
		await removeTotp(accountOf(services, await owner.context()));
		expect(
			await services.db.$count(
				totpFactors,
				and(eq(totpFactors.userId, DEMO.ownerUserId), isNotNull(totpFactors.confirmedAt))
			)
		).toBe(0);
		expect(await services.db.$count(recoveryCodes, eq(recoveryCodes.userId, DEMO.ownerUserId))).toBe(0);
	});
});
