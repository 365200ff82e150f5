import { secondFactorPath } from '$domain/auth/second-factor-path';

/** Dashboard pages a session waiting for its second factor may open: finishing or abandoning the sign-in. */
const OPEN_WHILE_PENDING = [/^\/auth(\/|$)/, /^\/login(\/|$)/, /^\/logout\/?$/, /^\/signup(\/|$)/];

/**
 * Where a dashboard page request goes when its session still needs a second factor
 * (every staff page: to the second step, then back), or null to serve it. The
 * actor of such a session is anonymous anyway; this sends the person on instead of
 * to the email sign-in they have already done.
 */
export function pendingRedirect(request: App.Locals['request'], url: URL): string | null {
	if (request.side !== 'dashboard' || !request.pending) return null;
	if (OPEN_WHILE_PENDING.some((re) => re.test(url.pathname))) return null;
	const next = url.pathname.replace(/\/__data\.json$/, '') + url.search;
	return secondFactorPath(next);
}
