import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { accountOf } from '../../domain/factors/account';
import { finishPasskeyCheck, startPasskeyCheck } from '../../domain/factors/passkey-check';
import { getSecondStepOptions } from '../../domain/factors/security-overview';
import { useRecoveryCode } from '../../domain/factors/use-recovery-code';
import { verifyTotpCode } from '../../domain/factors/verify-totp-code';
import { finishPasskeySignIn, startPasskeySignIn } from '../../domain/auth/passkey-sign-in';
import { safeRedirect } from '../../domain/auth/email-address';
import { requestPortalLoginLink, requestStaffLoginLink } from '../../domain/auth/request-login-link';
import { endSession } from '../../domain/auth/end-session';
import { cookieOptions, SESSION_COOKIE } from '../../domain/auth/sessions';
import { AppError } from '../../domain/errors';
import { readJson } from '../errors';
import type { ApiEnv } from '../types';

/** Passkeys belong to the dashboard (the relying party); a portal host has none. */
function dashboardOnly(c: Context<ApiEnv>) {
	if (c.get('request').side !== 'dashboard') throw new AppError('not_found', 'No such endpoint.');
}

/** The pending session finishing its sign-in (second step). */
const pendingAccount = (c: Context<ApiEnv>) => {
	dashboardOnly(c);
	return accountOf(c.get('services'), c.get('request'));
};

const afterSecondStep = (c: Context<ApiEnv>) => ({ ok: true, redirectTo: safeRedirect(c.req.query('next'), '/') });

export const authRoutes = new Hono<ApiEnv>()
	/** Ask for a magic link. Always 202 with the same body, known email or not. */
	.post('/login-link', async (c) => {
		const input = await readJson(c);
		const request = c.get('request');
		const services = c.get('services');
		if (request.side === 'portal') {
			if (!request.workspace) throw new AppError('not_found', 'There is no portal at this address.');
			await requestPortalLoginLink({ services, workspace: request.workspace, input, ip: c.get('ip') });
		} else {
			await requestStaffLoginLink({ services, input, ip: c.get('ip') });
		}
		return c.json(
			{ ok: true, message: 'If that email can sign in here, a sign-in link is on its way. It expires in 1 hour.' },
			202
		);
	})
	.post('/logout', async (c) => {
		await endSession({ ...c.get('request'), services: c.get('services') });
		deleteCookie(c, SESSION_COOKIE, cookieOptions(c.get('services').config, new URL(c.req.url)));
		return c.json({ ok: true });
	})
	/** Passwordless staff sign-in, step 1: options for navigator.credentials.get(). */
	.post('/passkeys/sign-in/options', async (c) => {
		dashboardOnly(c);
		return c.json(await startPasskeySignIn({ services: c.get('services'), ip: c.get('ip') }));
	})
	/** Step 2: the browser's assertion; a verified passkey is a full session (cookie set here). */
	.post('/passkeys/sign-in', async (c) => {
		dashboardOnly(c);
		const services = c.get('services');
		const result = await finishPasskeySignIn({
			services,
			input: await readJson(c),
			ip: c.get('ip'),
			userAgent: c.req.header('user-agent') ?? null
		});
		await endSession({ ...c.get('request'), services });
		setCookie(
			c,
			SESSION_COOKIE,
			result.sessionToken,
			cookieOptions(services.config, new URL(c.req.url), { expiresAt: result.expiresAt, now: services.clock.now() })
		);
		return c.json({ ok: true, redirectTo: result.redirectTo });
	})
	/** The second step of an email-link sign-in: which factors the person can use. */
	.get('/second-factor', async (c) => {
		const account = pendingAccount(c);
		return c.json({ need: account.stage, options: await getSecondStepOptions(account) });
	})
	.post('/second-factor/passkey/options', async (c) => c.json(await startPasskeyCheck(pendingAccount(c))))
	.post('/second-factor/passkey', async (c) => {
		await finishPasskeyCheck({ ...pendingAccount(c), input: await readJson(c) });
		return c.json(afterSecondStep(c));
	})
	.post('/second-factor/totp', async (c) => {
		await verifyTotpCode({ ...pendingAccount(c), input: await readJson(c) });
		return c.json(afterSecondStep(c));
	})
	.post('/second-factor/recovery-code', async (c) => {
		const result = await useRecoveryCode({ ...pendingAccount(c), input: await readJson(c) });
		return c.json({ ...afterSecondStep(c), recoveryCodesLeft: result.recoveryCodesLeft });
	})
	.get('/me', (c) => {
		const { actor, workspace } = c.get('request');
		if (actor.kind !== 'staff' && actor.kind !== 'client') throw new AppError('unauthenticated', 'Please sign in.');
		return c.json({
			actor: { kind: actor.kind, name: actor.name, email: actor.email },
			workspace: workspace && { slug: workspace.slug, name: workspace.name }
		});
	});
