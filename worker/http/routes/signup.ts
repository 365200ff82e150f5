import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { cookieOptions, SESSION_COOKIE } from '../../domain/auth/sessions';
import { AppError } from '../../domain/errors';
import { consumeSignupLink } from '../../domain/workspaces/confirm-signup';
import { requestSignup } from '../../domain/workspaces/request-signup';
import { readJson } from '../errors';
import type { ApiEnv } from '../types';

function dashboardOnly(side: string) {
	if (side !== 'dashboard') throw new AppError('not_found', 'Sign up on the CoPortal dashboard.');
}

/** Creating a workspace (dashboard host): ask for the link, then confirm it. */
export const signupRoutes = new Hono<ApiEnv>()
	.post('/', async (c) => {
		dashboardOnly(c.get('request').side);
		const result = await requestSignup({ services: c.get('services'), input: await readJson(c), ip: c.get('ip') });
		return c.json(
			{
				ok: true,
				email: result.email,
				message: 'Check your email: the link creates your workspace. It expires in 1 hour.'
			},
			202
		);
	})
	.post('/confirm', async (c) => {
		dashboardOnly(c.get('request').side);
		const body = (await readJson(c)) as { token?: unknown } | null;
		const result = await consumeSignupLink({
			services: c.get('services'),
			token: body?.token,
			ip: c.get('ip'),
			userAgent: c.req.header('user-agent') ?? null
		});
		if (result.status !== 'created') {
			const messages = {
				used: 'This link has already been used.',
				expired: 'This link has expired. Please sign up again.',
				invalid: 'This link is not valid.',
				taken: 'That portal address was taken in the meantime. Please sign up again with another.'
			};
			throw new AppError(
				result.status === 'invalid' ? 'bad_request' : result.status === 'taken' ? 'conflict' : 'gone',
				messages[result.status]
			);
		}
		setCookie(
			c,
			SESSION_COOKIE,
			result.sessionToken,
			cookieOptions(c.get('services').config, new URL(c.req.url), {
				expiresAt: result.expiresAt,
				now: c.get('services').clock.now()
			})
		);
		return c.json({ ok: true, workspace: { id: result.workspaceId, slug: result.slug } }, 201);
	});
