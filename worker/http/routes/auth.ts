import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { requestPortalLoginLink, requestStaffLoginLink } from '../../domain/auth/request-login-link';
import { endSession } from '../../domain/auth/end-session';
import { cookieOptions, SESSION_COOKIE } from '../../domain/auth/sessions';
import { AppError } from '../../domain/errors';
import { readJson } from '../errors';
import type { ApiEnv } from '../types';

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
		return c.json({ ok: true, message: 'If that email can sign in here, a sign-in link is on its way. It expires in 1 hour.' }, 202);
	})
	.post('/logout', async (c) => {
		await endSession({ services: c.get('services'), request: c.get('request') });
		deleteCookie(c, SESSION_COOKIE, cookieOptions(c.get('services').config, new URL(c.req.url)));
		return c.json({ ok: true });
	})
	.get('/me', (c) => {
		const { actor, workspace } = c.get('request');
		if (actor.kind !== 'staff' && actor.kind !== 'client') throw new AppError('unauthenticated', 'Please sign in.');
		return c.json({ actor: { kind: actor.kind, name: actor.name, email: actor.email }, workspace: workspace && { slug: workspace.slug, name: workspace.name } });
	});
