import type { Env } from './env';
import { buildServices, type Services } from './services';
import { metricsHeaders, withD1Metrics } from './services/d1-metrics';
import { loadRequestContext, type RequestContext } from './domain/workspaces/load-request-context';
import { resolveHost, type HostTarget } from './domain/workspaces/resolve-host';
import { bookmarkCookieHeader, readPlacement } from './read-placement';
import { readConfig } from './services/config';
import { shardOf } from './services/shards';

/** What both front doors put on the request (SvelteKit `locals`, Hono `c.var`). */
export type RequestStart = { services: Services; host: HostTarget; ip: string | null; request: RequestContext };

/**
 * How every request starts, for the SvelteKit pages (app/hooks.server.ts) and the Hono API
 * (http/middleware/context.ts) alike: the services, the host, and the workspace and session
 * (loadRequestContext: one D1 round trip; pages also count what waits on a client). `handle` then produces the
 * response; in development and tests the D1 round trips of all of it are counted into the
 * X-D1-Round-Trips / X-D1-Statements headers.
 */
export function createRequestContext(
	opts: {
		env: Env;
		ctx: Pick<ExecutionContext, 'waitUntil'> | undefined;
		url: URL;
		method: string;
		sessionCookie: string | undefined;
		/** The D1 bookmark of the client's last write (read-placement.ts). */
		bookmarkCookie: string | undefined;
		ip: string | null;
		withAttention?: boolean;
	},
	handle: (start: RequestStart) => Promise<Response>
): Promise<Response> {
	const placement = readPlacement({
		method: opts.method,
		path: opts.url.pathname,
		bookmarkCookie: opts.bookmarkCookie
	});
	// The workspace's shard comes from the host, before any query: the db is built on it.
	const host = resolveHost(opts.url.hostname, readConfig(opts.env));
	const shard = shardOf(readConfig(opts.env).shardDirectory, shardKey(host, opts.url.pathname));
	const services = buildServices(opts.env, opts.ctx, { requestHost: opts.url.hostname, placement, shard });
	return withD1Metrics(services.d1Metrics, async () => {
		const request = await loadRequestContext({
			services,
			host,
			sessionCookie: opts.sessionCookie,
			ip: opts.ip,
			withAttention: opts.withAttention
		});
		const response = await handle({ services, host, ip: opts.ip, request });
		metricsHeaders(services.d1Metrics, response.headers);
		if (placement.kind === 'primary') {
			const secure = services.config.environment === 'production' || opts.url.protocol === 'https:';
			const cookie = bookmarkCookieHeader({
				bookmark: services.d1Session.bookmark(),
				previous: opts.bookmarkCookie,
				path: opts.url.pathname,
				secure
			});
			if (cookie) appendHeader(response.headers, 'set-cookie', cookie);
		}
		// Development and tests: which D1 session the request read from (tests/read-replication.test.ts).
		if (services.d1Metrics) {
			appendHeader(response.headers, 'x-d1-session', services.d1Session.constraint);
			appendHeader(response.headers, 'x-d1-shard', services.shard);
		}
		return response;
	});
}

/**
 * What the shard directory is asked: a portal's slug or custom domain; on the dashboard host,
 * the workspace a Paystack webhook names in its path (/webhooks/paystack/<slug>); else nothing
 * (the default shard: staff sign-in and the dashboard live there, ARCHITECTURE.md "D1").
 */
function shardKey(host: HostTarget, path: string): string | null {
	if (host.side === 'portal') return 'slug' in host ? host.slug : host.customDomain;
	return /^\/webhooks\/paystack\/([^/]+)\/?$/.exec(path)?.[1] ?? null;
}

function appendHeader(headers: Headers, name: string, value: string) {
	try {
		headers.append(name, value);
	} catch {
		// immutable headers (e.g. a fetched asset): skip
	}
}
