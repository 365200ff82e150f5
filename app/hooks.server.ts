import type { Handle, HandleServerError } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$domain/auth/sessions';
import { createRequestContext } from '../worker/request-context';
import { BOOKMARK_COOKIE } from '../worker/read-placement';
import { guardFormBody } from '$lib/server/body-guard';
import { pendingRedirect } from '$lib/server/second-factor-gate';

/** Host -> workspace + session, once per request (the same start as the API's); everything below reads locals. */
export const handle: Handle = async ({ event, resolve }) => {
	const platform = event.platform;
	if (!platform?.env) throw new Error('CoPortal pages must run inside the Worker (npm start), not plain vite dev.');
	const ip = event.request.headers.get('cf-connecting-ip');
	// Portal pages show what waits on the client around every page: counted in the same round trip.
	return createRequestContext(
		{
			env: platform.env,
			ctx: platform.ctx,
			url: event.url,
			method: event.request.method,
			sessionCookie: event.cookies.get(SESSION_COOKIE),
			bookmarkCookie: event.cookies.get(BOOKMARK_COOKIE),
			ip,
			withAttention: true
		},
		async (start) => {
			// Oversized or malformed form posts: a clear 413/400 before anything reads them.
			await guardFormBody(event.request, event.url, start.services.config.maxUploadBytes);
			event.locals.services = start.services;
			event.locals.host = start.host;
			event.locals.ip = start.ip;
			event.locals.request = start.request;
			// Signed in with an email link, second factor still to come: staff pages wait for it.
			const secondStep = pendingRedirect(start.request, event.url);
			if (secondStep)
				return new Response(null, {
					status: 303,
					headers: { location: secondStep, 'cache-control': 'private, no-store' }
				});
			const response = await resolve(event);
			// Pages are personal: never cached by the edge or shared caches.
			if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
			return response;
		}
	);
};

/** Unexpected errors: logged with an id (never with request data), and a friendly message for the page. */
export const handleError: HandleServerError = ({ error, status, event }) => {
	const errorId = crypto.randomUUID().slice(0, 8);
	if (status >= 500) {
		console.error(
			`page error ${errorId}`,
			event.request.method,
			event.url.pathname,
			error instanceof Error ? error.stack : error
		);
	}
	return {
		message: status === 404 ? 'We could not find that page.' : 'Something went wrong on our side. Please try again.',
		code: status === 404 ? 'not_found' : 'internal',
		errorId
	};
};
