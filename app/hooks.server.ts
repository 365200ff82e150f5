import type { Handle, HandleServerError } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$domain/auth/sessions';
import { loadRequestContext } from '$domain/workspaces/load-request-context';
import { resolveHost } from '$domain/workspaces/resolve-host';
import { buildServices } from '$services';
import { guardFormBody } from '$lib/server/body-guard';
import { pendingRedirect } from '$lib/server/second-factor-gate';
import { metricsHeaders } from '$services/d1-metrics';

/** Host -> workspace + session, once per request; everything below reads locals. */
export const handle: Handle = async ({ event, resolve }) => {
	const platform = event.platform;
	if (!platform?.env) throw new Error('CoPortal pages must run inside the Worker (npm start), not plain vite dev.');
	const services = buildServices(platform.env, platform.ctx, { requestHost: event.url.hostname });
	const host = resolveHost(event.url.hostname, services.config);
	const ip = event.request.headers.get('cf-connecting-ip');
	// Oversized or malformed form posts: a clear 413/400 before anything reads them.
	await guardFormBody(event.request, event.url, services.config.maxUploadBytes);
	event.locals.services = services;
	event.locals.host = host;
	event.locals.ip = ip;
	// Portal pages show what waits on the client around every page: counted in the same round trip.
	event.locals.request = await loadRequestContext({ services, host, sessionCookie: event.cookies.get(SESSION_COOKIE), ip, withAttention: true });
	// Signed in with an email link, second factor still to come: staff pages wait for it.
	const secondStep = pendingRedirect(event.locals.request, event.url);
	if (secondStep) return new Response(null, { status: 303, headers: { location: secondStep, 'cache-control': 'private, no-store' } });

	const response = await resolve(event);
	// Pages are personal: never cached by the edge or shared caches.
	if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
	metricsHeaders(services.d1Metrics, response.headers);
	return response;
};

/** Unexpected errors: logged with an id (never with request data), and a friendly message for the page. */
export const handleError: HandleServerError = ({ error, status, event }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status >= 500) {
		console.error(`page error ${errorId}`, event.request.method, event.url.pathname, error instanceof Error ? error.stack : error);
	}
	return { message: status === 404 ? 'We could not find that page.' : 'Something went wrong on our side. Please try again.', code: status === 404 ? 'not_found' : 'internal', errorId };
};
