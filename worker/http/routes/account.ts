import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { listMySessions, signOutOtherSessions, signOutSession } from '../../domain/auth/my-sessions';
import { cookieOptions, SESSION_COOKIE } from '../../domain/auth/sessions';
import { accountOf } from '../../domain/factors/account';
import { confirmTotpSetup } from '../../domain/factors/confirm-totp-setup';
import { finishPasskeyRegistration } from '../../domain/factors/finish-passkey-registration';
import { renewRecoveryCodes } from '../../domain/factors/recovery-codes';
import { removePasskey } from '../../domain/factors/remove-passkey';
import { removeTotp } from '../../domain/factors/remove-totp';
import { renamePasskey } from '../../domain/factors/rename-passkey';
import { getMyFactors } from '../../domain/factors/security-overview';
import { startPasskeyRegistration } from '../../domain/factors/start-passkey-registration';
import { startTotpSetup } from '../../domain/factors/totp-setup';
import { readJson } from '../errors';
import type { ApiEnv } from '../types';

/**
 * The signed-in staff member's own sign-in: passkeys, authenticator app, recovery
 * codes and sessions (dashboard host). Scoped by person, not workspace: another
 * person's passkey or session is "not found". Setting up a factor also works for a
 * session still pending because its workspace requires one (the use cases decide).
 */
const account = (c: Context<ApiEnv>) => accountOf(c.get('services'), c.get('request'));

export const accountRoutes = new Hono<ApiEnv>()
	.get('/security', async (c) => c.json(await getMyFactors(account(c))))
	.post('/passkeys/registration/options', async (c) => c.json(await startPasskeyRegistration(account(c))))
	.post('/passkeys/registration', async (c) =>
		c.json(
			await finishPasskeyRegistration({
				...account(c),
				input: await readJson(c),
				userAgent: c.req.header('user-agent') ?? null
			}),
			201
		)
	)
	.patch('/passkeys/:id', async (c) =>
		c.json(await renamePasskey({ ...account(c), passkeyId: c.req.param('id'), input: await readJson(c) }))
	)
	.delete('/passkeys/:id', async (c) => c.json(await removePasskey({ ...account(c), passkeyId: c.req.param('id') })))
	/** Starts an authenticator app: the secret, its otpauth:// URI and the QR code (SVG), shown once here. */
	.post('/totp/setup', async (c) => c.json(await startTotpSetup(account(c)), 201))
	.post('/totp/confirm', async (c) => c.json(await confirmTotpSetup({ ...account(c), input: await readJson(c) })))
	.delete('/totp', async (c) => c.json(await removeTotp(account(c))))
	.post('/recovery-codes', async (c) => c.json(await renewRecoveryCodes(account(c)), 201))
	.get('/sessions', async (c) => c.json({ sessions: await listMySessions(account(c)) }))
	.delete('/sessions/:id', async (c) => {
		const result = await signOutSession({ ...account(c), sessionPublicId: c.req.param('id') });
		if (result.current) deleteCookie(c, SESSION_COOKIE, cookieOptions(c.get('services').config, new URL(c.req.url)));
		return c.json({ ok: true, ...result });
	})
	.post('/sessions/sign-out-others', async (c) => c.json(await signOutOtherSessions(account(c))));
