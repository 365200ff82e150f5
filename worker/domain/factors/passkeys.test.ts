import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, passkeys, recoveryCodes, sessions, webauthnChallenges } from '../../../db/schema';
import { DEMO, fixedClock, seed, staffAccount, testServices, type TestServices } from '../../../tests/helpers';
import fixture from '../../../tests/fixtures/webauthn.json';
import { insertRecordedPasskey } from '../../../tests/fixtures/recorded-passkey';
import { finishPasskeySignIn } from '../auth/passkey-sign-in';
import { finishPasskeyRegistration } from './finish-passkey-registration';
import { finishPasskeyCheck } from './passkey-check';
import { CHALLENGE_TTL_MS, storeChallenge } from './webauthn-challenges';
import type { WebAuthnPurpose } from '../../../db/schema';

// The recordings in tests/fixtures/webauthn.json were made once by a software ES256
// authenticator (scripts/record-webauthn-fixtures.mjs) for RP ID "localhost", origin
// http://localhost:8787 and the demo owner. Each test plants the recorded challenge as
// if the server had issued it (pinned), under a clock the test controls.
type Case = keyof typeof fixture.cases;
const recorded = (name: Case) => fixture.cases[name];

async function plant(
	services: TestServices,
	name: Case,
	purpose: WebAuthnPurpose,
	binding: { userId: string | null; sessionId: string | null }
) {
	// A recorded challenge may be planted again in one test: the earlier copy (unused, or bound elsewhere) goes first.
	await services.db.delete(webauthnChallenges);
	await storeChallenge(services, recorded(name).challenge, { purpose, ...binding });
}

/** The demo owner with the recorded passkey, as if registered earlier (counter 0). */
const withRecordedPasskey = (services: TestServices) => insertRecordedPasskey(services);

async function verbs(services: TestServices) {
	return (
		await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.workspaceId, DEMO.workspaceId))
	)
		.map((a) => a.verb)
		.filter((v) => v.startsWith('auth.'));
}

describe('passkey registration (recorded WebAuthn fixtures)', () => {
	it('verifies the recorded registration, stores the credential and issues the first recovery codes', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await plant(services, 'registration', 'register', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		const result = await finishPasskeyRegistration({
			...owner.account,
			input: { name: 'Work laptop', response: recorded('registration').response },
			userAgent: null
		});
		expect(result.passkey.name).toBe('Work laptop');
		expect(result.recoveryCodes).toHaveLength(10);
		const [row] = await services.db.select().from(passkeys).where(eq(passkeys.userId, DEMO.ownerUserId));
		expect(row).toMatchObject({
			credentialId: fixture.credentialId,
			publicKey: fixture.publicKey,
			counter: 0,
			transports: ['internal'],
			deviceType: 'singleDevice'
		});
		// The session it was added in is now verified with it; the feed says so.
		const session = await services.db.select().from(sessions).where(eq(sessions.id, owner.sessionId)).get();
		expect(session).toMatchObject({ mfaAt: clock.now(), mfaMethod: 'passkey' });
		expect(await verbs(services)).toContain('auth.second_factor_added');
		expect(await services.db.$count(recoveryCodes, eq(recoveryCodes.userId, DEMO.ownerUserId))).toBe(10);
	});

	it('uses a challenge once, only for the session it was issued to, and only while it lives', async () => {
		const clock = fixedClock();
		const services = await seed(testServices({ clock }));
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const otherTab = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const response = recorded('registration').response;
		// Issued to another session of the same person: refused.
		await plant(services, 'registration', 'register', { userId: DEMO.ownerUserId, sessionId: otherTab.sessionId });
		await expect(
			finishPasskeyRegistration({ ...owner.account, input: { response }, userAgent: null })
		).rejects.toMatchObject({ code: 'conflict' });
		// Expired: refused.
		await plant(services, 'registration', 'register', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		clock.advance(CHALLENGE_TTL_MS + 1);
		await expect(
			finishPasskeyRegistration({ ...owner.account, input: { response }, userAgent: null })
		).rejects.toMatchObject({ code: 'conflict' });
		// Live and ours: accepted once; the same response again finds no challenge.
		await plant(services, 'registration', 'register', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		await finishPasskeyRegistration({ ...owner.account, input: { response }, userAgent: null });
		await expect(
			finishPasskeyRegistration({ ...owner.account, input: { response }, userAgent: null })
		).rejects.toMatchObject({ code: 'conflict' });
		expect(await services.db.$count(passkeys)).toBe(1);
	});

	it('refuses a registration made for another origin or another relying party', async () => {
		const services = await seed(testServices());
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (const name of ['registrationOtherOrigin', 'registrationOtherRp'] as const) {
			await plant(services, name, 'register', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
			await expect(
				finishPasskeyRegistration({ ...owner.account, input: { response: recorded(name).response }, userAgent: null }),
				name
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect(await services.db.$count(passkeys)).toBe(0);
	});

	it('refuses a response that is not a WebAuthn registration with a field error, not a 500', async () => {
		const services = await seed(testServices());
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		for (const response of [
			undefined,
			'x',
			{ id: 'a', rawId: 'a', type: 'public-key', response: { clientDataJSON: '!!', attestationObject: '' } }
		]) {
			await expect(
				finishPasskeyRegistration({ ...owner.account, input: { response }, userAgent: null })
			).rejects.toMatchObject({ code: 'validation_failed', fields: { response: expect.any(String) } });
		}
	});
});

describe('passkey as the second step (recorded assertions)', () => {
	async function pendingOwner(services: TestServices) {
		await withRecordedPasskey(services);
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		expect(owner.account.stage).toBe('verify');
		return owner;
	}

	it('finishes the sign-in and moves the signature counter forward', async () => {
		const services = await seed(testServices());
		const owner = await pendingOwner(services);
		await plant(services, 'assertion1', 'second_factor', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		await finishPasskeyCheck({ ...owner.account, input: { response: recorded('assertion1').response } });
		expect((await services.db.select().from(passkeys).get())?.counter).toBe(1);
		const after = await owner.context();
		expect(after.actor).toMatchObject({ kind: 'staff', userId: DEMO.ownerUserId });
		expect(after.pending).toBeUndefined();
		expect(await verbs(services)).toEqual(['auth.signed_in']);
	});

	it('refuses a counter that goes backwards (a cloned authenticator)', async () => {
		const services = await seed(testServices());
		const owner = await pendingOwner(services);
		await plant(services, 'assertion2', 'second_factor', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		await finishPasskeyCheck({ ...owner.account, input: { response: recorded('assertion2').response } });
		const next = await pendingOwner2(services);
		await plant(services, 'assertionCounterBack', 'second_factor', {
			userId: DEMO.ownerUserId,
			sessionId: next.sessionId
		});
		await expect(
			finishPasskeyCheck({ ...next.account, input: { response: recorded('assertionCounterBack').response } })
		).rejects.toMatchObject({ code: 'forbidden' });
		expect((await services.db.select().from(passkeys).get())?.counter).toBe(2);
		expect((await next.context()).pending?.need).toBe('verify');
	});

	async function pendingOwner2(services: TestServices) {
		return staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
	}

	it('refuses another origin, a forged signature and a replay, and records the failures', async () => {
		const services = await seed(testServices());
		const owner = await pendingOwner(services);
		for (const name of ['assertionOtherOrigin', 'assertionBadSignature'] as const) {
			await plant(services, name, 'second_factor', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
			await expect(
				finishPasskeyCheck({ ...owner.account, input: { response: recorded(name).response } }),
				name
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		// The challenge of a refused attempt is used up too: the same response cannot be retried.
		await expect(
			finishPasskeyCheck({ ...owner.account, input: { response: recorded('assertionBadSignature').response } })
		).rejects.toMatchObject({ code: 'conflict' });
		expect(await verbs(services)).toEqual(['auth.second_factor_failed', 'auth.second_factor_failed']);
		expect((await owner.context()).pending?.need).toBe('verify');
		expect((await services.db.select().from(passkeys).get())?.counter).toBe(0);
	});

	it("never accepts a challenge issued to another session, or another person's passkey", async () => {
		const services = await seed(testServices());
		const owner = await pendingOwner(services);
		const other = await pendingOwner2(services);
		await plant(services, 'assertion1', 'second_factor', { userId: DEMO.ownerUserId, sessionId: other.sessionId });
		await expect(
			finishPasskeyCheck({ ...owner.account, input: { response: recorded('assertion1').response } })
		).rejects.toMatchObject({ code: 'conflict' });
		// The passkey moved to another person: the demo owner's session cannot use it.
		await services.db.update(passkeys).set({ userId: DEMO.memberUserId });
		await plant(services, 'assertion2', 'second_factor', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		await expect(
			finishPasskeyCheck({ ...owner.account, input: { response: recorded('assertion2').response } })
		).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('accepts a second step without user verification (the email link was the other factor)', async () => {
		const services = await seed(testServices());
		const owner = await pendingOwner(services);
		await plant(services, 'assertionNoUserVerification', 'second_factor', {
			userId: DEMO.ownerUserId,
			sessionId: owner.sessionId
		});
		await finishPasskeyCheck({
			...owner.account,
			input: { response: recorded('assertionNoUserVerification').response }
		});
		expect((await owner.context()).actor.kind).toBe('staff');
	});
});

describe('passwordless passkey sign-in (recorded assertions)', () => {
	it('signs the person in with a full session, recorded in the feed', async () => {
		const services = await seed(testServices());
		await withRecordedPasskey(services);
		await plant(services, 'assertion1', 'sign_in', { userId: null, sessionId: null });
		const result = await finishPasskeySignIn({
			services,
			input: { response: recorded('assertion1').response, next: '/invoices' },
			ip: '203.0.113.9',
			userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0'
		});
		expect(result.redirectTo).toBe('/invoices');
		const { loadRequestContext } = await import('../workspaces/load-request-context');
		const ctx = await loadRequestContext({
			services,
			host: { side: 'dashboard' },
			sessionCookie: result.sessionToken,
			ip: null
		});
		expect(ctx.actor).toMatchObject({ kind: 'staff', userId: DEMO.ownerUserId });
		const row = await services.db
			.select()
			.from(sessions)
			.where(and(eq(sessions.userId, DEMO.ownerUserId), eq(sessions.signInMethod, 'passkey')))
			.get();
		expect(row).toMatchObject({ mfaMethod: 'passkey', ip: '203.0.113.9' });
		expect(await verbs(services)).toEqual(['auth.signed_in']);
		// Used once: the same assertion again has no challenge left.
		await expect(
			finishPasskeySignIn({ services, input: { response: recorded('assertion1').response }, ip: null, userAgent: null })
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('requires user verification on its own, and a challenge issued for signing in', async () => {
		const services = await seed(testServices());
		await withRecordedPasskey(services);
		await plant(services, 'assertionNoUserVerification', 'sign_in', { userId: null, sessionId: null });
		await expect(
			finishPasskeySignIn({
				services,
				input: { response: recorded('assertionNoUserVerification').response },
				ip: null,
				userAgent: null
			})
		).rejects.toMatchObject({ code: 'forbidden' });
		// A challenge issued for a second step (bound to a session) does not sign anyone in.
		const owner = await staffAccount(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		await plant(services, 'assertion1', 'second_factor', { userId: DEMO.ownerUserId, sessionId: owner.sessionId });
		await expect(
			finishPasskeySignIn({ services, input: { response: recorded('assertion1').response }, ip: null, userAgent: null })
		).rejects.toMatchObject({ code: 'conflict' });
		expect(await services.db.$count(sessions, eq(sessions.signInMethod, 'passkey'))).toBe(0);
	});

	it('refuses an unknown credential', async () => {
		const services = await seed(testServices());
		await plant(services, 'assertion1', 'sign_in', { userId: null, sessionId: null });
		await expect(
			finishPasskeySignIn({ services, input: { response: recorded('assertion1').response }, ip: null, userAgent: null })
		).rejects.toMatchObject({ code: 'forbidden' });
	});
});
