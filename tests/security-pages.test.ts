import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, passkeys, sessions, totpFactors, webauthnChallenges } from '../db/schema';
import fixture from './fixtures/webauthn.json';
import { base32Decode, hotp, totpStep } from '../worker/domain/factors/totp';
import { storeChallenge } from '../worker/domain/factors/webauthn-challenges';
import { DEMO, hosts, request, seed, sessionCookie, testClock, testServices, type TestServices } from './helpers';

const cookieFrom = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];
const secretIn = (html: string) => /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html)![1].replace(/ /g, '');
const codeFor = async (secret: string, offset = 0) => hotp(base32Decode(secret)!, totpStep(testClock.now()) + offset);

async function sessionIdOf(services: TestServices, cookie: string) {
	const { sha256Hex } = await import('../worker/services/crypto');
	return sha256Hex(cookie.split('=')[1]);
}

/** Enrols the demo owner's authenticator app through the settings pages; returns the secret and the (now verified) cookie. */
async function enrolThroughSettings(services: TestServices) {
	const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
	const start = await request(hosts.dashboard, '/settings/security?/startTotp', { method: 'POST', cookie, form: {} });
	expect(start.status).toBe(303);
	expect(start.headers.get('location')).toBe('/settings/security/authenticator');
	const setupPage = await (await request(hosts.dashboard, '/settings/security/authenticator', { cookie })).text();
	expect(setupPage).toContain('<svg');
	const secret = secretIn(setupPage);
	const wrong = await request(hosts.dashboard, '/settings/security/authenticator?/confirm', {
		cookie,
		form: { code: '12345' }
	});
	expect(wrong.status).toBe(422);
	expect(await wrong.text()).toContain('did not match');
	const done = await request(hosts.dashboard, '/settings/security/authenticator?/confirm', {
		cookie,
		form: { code: await codeFor(secret) }
	});
	const html = await done.text();
	expect(html).toContain('Authenticator app turned on');
	const codes = [...html.matchAll(/<li>([a-z2-9]{5}-[a-z2-9]{5})<\/li>/g)].map((m) => m[1]);
	expect(codes).toHaveLength(10);
	return { cookie, secret, codes };
}

describe('security pages', () => {
	it('set up an authenticator app from Settings -> Security, with recovery codes shown once', async () => {
		const services = await seed(testServices());
		const { cookie } = await enrolThroughSettings(services);
		const page = await (await request(hosts.dashboard, '/settings/security', { cookie })).text();
		expect(page).toContain('since');
		expect(page).toContain('<strong>10</strong> of 10 unused');
		// Shown once: the page never shows the codes again.
		expect(page).not.toMatch(/<li>[a-z2-9]{5}-[a-z2-9]{5}<\/li>/);
		expect(await services.db.$count(totpFactors, eq(totpFactors.userId, DEMO.ownerUserId))).toBe(1);
	});

	it('an email-link session of a person with an app goes to the second step, and a code lets it in', async () => {
		const services = await seed(testServices());
		const { secret } = await enrolThroughSettings(services);
		const pending = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const invoices = await request(hosts.dashboard, '/invoices?status=sent', {
			cookie: pending,
			headers: { accept: 'text/html' }
		});
		expect(invoices.status).toBe(303);
		expect(invoices.headers.get('location')).toBe('/auth/second-factor?next=%2Finvoices%3Fstatus%3Dsent');
		const step = await (
			await request(hosts.dashboard, '/auth/second-factor?next=%2Finvoices', { cookie: pending })
		).text();
		expect(step).toContain('Finish signing in');
		expect(step).toContain('Use your authenticator app');
		expect(step).not.toContain('Use a passkey');
		// The code used when setting the app up was used once already: the next step's code works.
		const ok = await request(hosts.dashboard, '/auth/second-factor?/totp&next=%2Finvoices', {
			cookie: pending,
			form: { code: await codeFor(secret, 1) }
		});
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/invoices');
		expect((await request(hosts.dashboard, '/invoices', { cookie: pending })).status).toBe(200);
		// A signed-in person who opens the second step is sent on.
		expect((await request(hosts.dashboard, '/auth/second-factor', { cookie: pending })).headers.get('location')).toBe(
			'/'
		);
	});

	it('a recovery code works once on the second step', async () => {
		const services = await seed(testServices());
		const { codes } = await enrolThroughSettings(services);
		const pending = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const ok = await request(hosts.dashboard, '/auth/second-factor?/recovery', {
			cookie: pending,
			form: { recoveryCode: codes[3] }
		});
		expect(ok.headers.get('location')).toBe('/');
		const other = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const again = await request(hosts.dashboard, '/auth/second-factor?/recovery', {
			cookie: other,
			form: { recoveryCode: codes[3] }
		});
		expect(again.status).toBe(422);
		expect(await again.text()).toContain('already used');
	});

	it('a member of a workspace that requires a second factor sets one up on the second step', async () => {
		const services = await seed(testServices());
		const { cookie: ownerCookie } = await enrolThroughSettings(services);
		const required = await request(hosts.dashboard, '/settings/security?/requirement', {
			cookie: ownerCookie,
			form: { requireSecondFactor: 'on' }
		});
		expect(await required.text()).toContain('now required');
		const member = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		expect((await request(hosts.dashboard, '/', { cookie: member })).headers.get('location')).toBe(
			'/auth/second-factor'
		);
		const step = await (await request(hosts.dashboard, '/auth/second-factor', { cookie: member })).text();
		expect(step).toContain('Set up a second factor');
		const start = await request(hosts.dashboard, '/auth/second-factor?/startTotp', {
			method: 'POST',
			cookie: member,
			form: {}
		});
		expect(start.status).toBe(303);
		const secret = secretIn(await (await request(hosts.dashboard, '/auth/second-factor', { cookie: member })).text());
		const done = await (
			await request(hosts.dashboard, '/auth/second-factor?/confirmTotp', {
				cookie: member,
				form: { code: await codeFor(secret) }
			})
		).text();
		expect(done).toContain("You're signed in");
		expect([...done.matchAll(/<li>[a-z2-9]{5}-[a-z2-9]{5}<\/li>/g)]).toHaveLength(10);
		expect((await request(hosts.dashboard, '/', { cookie: member })).status).toBe(200);
		const verbs = (
			await services.db.select({ verb: activity.verb }).from(activity).where(eq(activity.workspaceId, DEMO.workspaceId))
		).map((a) => a.verb);
		expect(verbs).toEqual(
			expect.arrayContaining(['workspace.second_factor_required', 'auth.second_factor_added', 'auth.signed_in'])
		);
	});

	it('lists my sessions and signs one out', async () => {
		const services = await seed(testServices());
		const phone = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const laptop = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const phoneRow = await services.db
			.select()
			.from(sessions)
			.where(eq(sessions.id, await sessionIdOf(services, phone)))
			.get();
		const page = await (await request(hosts.dashboard, '/settings/security', { cookie: laptop })).text();
		expect(page).toContain('This device');
		expect(page).toContain(phoneRow!.publicId!);
		const out = await request(hosts.dashboard, '/settings/security?/signOut', {
			cookie: laptop,
			form: { sessionId: phoneRow!.publicId! }
		});
		expect(await out.text()).toContain('That session is signed out');
		expect((await request(hosts.dashboard, '/', { cookie: phone })).headers.get('location')).toBe('/login');
		// Signing out this device from the list is a logout.
		const laptopRow = await services.db
			.select()
			.from(sessions)
			.where(eq(sessions.id, await sessionIdOf(services, laptop)))
			.get();
		const self = await request(hosts.dashboard, '/settings/security?/signOut', {
			cookie: laptop,
			form: { sessionId: laptopRow!.publicId! }
		});
		expect(self.headers.get('location')).toBe('/login');
	});
});

describe('passkey API routes (recorded WebAuthn fixtures)', () => {
	it('registers a passkey over the API, then signs in with it without an email link', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const options = await request(hosts.dashboard, '/api/account/passkeys/registration/options', {
			method: 'POST',
			cookie,
			json: {}
		});
		const json = (await options.json()) as {
			rp: { id: string };
			user: { name: string };
			authenticatorSelection: { residentKey: string };
		};
		expect(json.rp.id).toBe('localhost');
		expect(json.user.name).toBe(DEMO.ownerEmail);
		expect(json.authenticatorSelection.residentKey).toBe('required');
		// The browser would answer that challenge; the recorded answer needs its own, planted for this session.
		await services.db.delete(webauthnChallenges);
		await storeChallenge(services, fixture.cases.registration.challenge, {
			purpose: 'register',
			userId: DEMO.ownerUserId,
			sessionId: await sessionIdOf(services, cookie)
		});
		const registered = await request(hosts.dashboard, '/api/account/passkeys/registration', {
			method: 'POST',
			cookie,
			json: { name: 'Laptop', response: fixture.cases.registration.response }
		});
		expect(registered.status).toBe(201);
		expect(((await registered.json()) as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);

		const signInOptions = await request(hosts.dashboard, '/api/auth/passkeys/sign-in/options', {
			method: 'POST',
			json: {}
		});
		expect(((await signInOptions.json()) as { userVerification: string }).userVerification).toBe('required');
		await storeChallenge(services, fixture.cases.assertion1.challenge, {
			purpose: 'sign_in',
			userId: null,
			sessionId: null
		});
		const signedIn = await request(hosts.dashboard, '/api/auth/passkeys/sign-in', {
			method: 'POST',
			json: { response: fixture.cases.assertion1.response, next: '/projects' }
		});
		expect(signedIn.status).toBe(200);
		expect(await signedIn.json()).toEqual({ ok: true, redirectTo: '/projects' });
		expect(signedIn.headers.get('set-cookie')).toMatch(/cp_session=.*HttpOnly/i);
		expect((await request(hosts.dashboard, '/projects', { cookie: cookieFrom(signedIn) })).status).toBe(200);
		expect(
			(
				await services.db
					.select()
					.from(passkeys)
					.where(and(eq(passkeys.userId, DEMO.ownerUserId)))
					.get()
			)?.counter
		).toBe(1);
	});

	it('passkeys are for the dashboard only: a portal host has no such routes', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		expect((await request(hosts.demo, '/api/auth/passkeys/sign-in/options', { method: 'POST', json: {} })).status).toBe(
			404
		);
		expect(
			(
				await request(hosts.demo, '/api/account/passkeys/registration/options', {
					method: 'POST',
					cookie: casey,
					json: {}
				})
			).status
		).toBe(401);
	});
});
