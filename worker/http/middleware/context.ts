import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { requireMember, requireStaff } from '../../domain/actor';
import { SESSION_COOKIE } from '../../domain/auth/sessions';
import { AppError } from '../../domain/errors';
import type { Scope } from '../../domain/scope';
import { createRequestContext } from '../../request-context';
import { BOOKMARK_COOKIE } from '../../read-placement';
import type { ApiEnv } from '../types';

/** Services, host, workspace and session once per request (the same start as the pages'). */
export const requestContext: MiddlewareHandler<ApiEnv> = async (c, next) => {
	const ip = c.req.header('cf-connecting-ip') ?? null;
	// The response is c.res itself (its headers get the D1 counts): no need to set it again.
	await createRequestContext(
		{
			env: c.env,
			ctx: c.executionCtx,
			url: new URL(c.req.url),
			method: c.req.method,
			sessionCookie: getCookie(c, SESSION_COOKIE),
			bookmarkCookie: getCookie(c, BOOKMARK_COOKIE),
			ip
		},
		async (start) => {
			c.set('services', start.services);
			c.set('host', start.host);
			c.set('ip', start.ip);
			c.set('request', start.request);
			await next();
			return c.res;
		}
	);
};

/**
 * What a session still waiting for its second factor may call: signing in or out,
 * finishing the sign-in (/api/auth/second-factor/*) and, when its workspace requires a factor it does not have yet,
 * setting one up. Every other API route answers 403 second_factor_required, whatever
 * the route itself would check (its actor is anonymous anyway).
 */
const SIGN_IN_ROUTES = [
	/^\/api\/auth\/(login-link|logout)$/,
	/^\/api\/auth\/passkeys\//,
	/^\/api\/auth\/second-factor(\/|$)/
];
const ENROL_ROUTES = [
	'/api/account/passkeys/registration/options',
	'/api/account/passkeys/registration',
	'/api/account/totp/setup',
	'/api/account/totp/confirm'
];

export const secondFactorGate: MiddlewareHandler<ApiEnv> = async (c, next) => {
	const { pending } = c.get('request');
	const path = c.req.path.replace(/\/+$/, '');
	if (
		pending &&
		!SIGN_IN_ROUTES.some((re) => re.test(path)) &&
		!(pending.need === 'enrol' && ENROL_ROUTES.includes(path))
	) {
		throw new AppError(
			'second_factor_required',
			pending.need === 'enrol'
				? 'Your workspace requires a second factor. Set one up at /auth/second-factor first.'
				: 'Finish signing in with your second factor at /auth/second-factor first.'
		);
	}
	await next();
};

/**
 * Browsers send Origin on cross-site writes; a write whose Origin is not this
 * host is refused. (SameSite=Lax cookies already stop most of it; this closes
 * the rest for the JSON API.)
 */
export const sameOrigin: MiddlewareHandler<ApiEnv> = async (c, next) => {
	if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
		const origin = c.req.header('origin');
		const site = c.req.header('sec-fetch-site');
		if ((origin && origin !== new URL(c.req.url).origin) || (site && !['same-origin', 'none'].includes(site))) {
			throw new AppError('forbidden', 'Cross-site requests are not allowed.');
		}
	}
	await next();
};

/** The scope of a portal or dashboard request; a portal host with no workspace is a 404. */
export function scopeOf(c: { get: <K extends keyof ApiEnv['Variables']>(key: K) => ApiEnv['Variables'][K] }): Scope {
	const request = c.get('request');
	if (!request.workspace) {
		if (request.side === 'portal') throw new AppError('not_found', 'There is no portal at this address.');
		requireStaff(request.actor);
		throw new AppError('unauthenticated', 'Please sign in.');
	}
	return { services: c.get('services'), workspace: request.workspace, actor: request.actor };
}

/** Like scopeOf, and someone (staff or client) must be signed in. */
export function memberScopeOf(c: Parameters<typeof scopeOf>[0]): Scope {
	const scope = scopeOf(c);
	requireMember(scope.actor);
	return scope;
}
