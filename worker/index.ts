import sveltekit from '../.svelte-kit/cloudflare/_worker.js';
import { api } from './http/app';
import type { Env } from './env';
import { httpsOnly } from './https-only';
import { runScheduled } from './scheduled';
import { openAfterResponse, startAfterResponse } from './services/after-response';
import { withSecurityHeaders } from './security-headers';

export { ThreadRoom } from '../durable-objects/thread-room';

/** Paths served by Hono (JSON API, webhooks, dev tools); everything else is a SvelteKit page. */
export function isApiPath(pathname: string): boolean {
	return (
		pathname.startsWith('/api/') ||
		pathname.startsWith('/webhooks/') ||
		pathname.startsWith('/dev/') ||
		pathname === '/dev'
	);
}

/** The one SvelteKit route that answers publicly cacheable responses (the portal logo). */
const EDGE_CACHED_PATHS = new Set(['/branding/logo']);

/**
 * SvelteKit's Cloudflare adapter looks every request up in the Cache API first unless it
 * says `cache-control: no-cache`. Pages are personal (private, no-store: never stored), so
 * for them the lookup is a subrequest that always misses; it is skipped by saying so.
 */
export function withoutEdgeCacheLookup<R extends Request>(request: R, url: URL): R {
	if (EDGE_CACHED_PATHS.has(url.pathname) || request.headers.get('cache-control')?.includes('no-cache')) return request;
	const headers = new Headers(request.headers);
	headers.set('cache-control', 'no-cache');
	// A copy keeps the original's cf properties (workerd copies them), so it is the same kind of request.
	return new Request(request, { headers }) as R;
}

export default {
	async fetch(request, env, ctx) {
		const url = new URL(request.url);
		const insecure = httpsOnly(request, url, env);
		if (insecure) return withSecurityHeaders(insecure, url);
		// Work deferred as a function (services.defer) starts only once the response exists.
		openAfterResponse(ctx);
		try {
			const response = isApiPath(url.pathname)
				? await api.fetch(request, env, ctx)
				: await sveltekit.fetch(withoutEdgeCacheLookup(request, url), env, ctx);
			return withSecurityHeaders(response, url);
		} finally {
			startAfterResponse(ctx);
		}
	},
	async scheduled(controller, env, ctx) {
		ctx.waitUntil(runScheduled(env, ctx, controller.scheduledTime));
	}
} satisfies ExportedHandler<Env>;
