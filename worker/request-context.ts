import type { Env } from './env';
import { buildServices, type Services } from './services';
import { metricsHeaders, withD1Metrics } from './services/d1-metrics';
import { loadRequestContext, type RequestContext } from './domain/workspaces/load-request-context';
import { resolveHost, type HostTarget } from './domain/workspaces/resolve-host';
import { bookmarkCookieHeader, readPlacement } from './read-placement';
import { readConfig } from './services/config';
import { DEFAULT_SHARD, isKnownShard, shardOf, type ShardDirectory } from './services/shards';
import { sessionCookieShard } from './domain/auth/sessions';

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
	// The workspace's shard is known before any query (the host, or the staff session's cookie): the db is built on it.
	const config = readConfig(opts.env);
	const host = resolveHost(opts.url.hostname, config);
	const shard = requestShard(config.shardDirectory, host, opts.url.pathname, opts.sessionCookie);
	const placement = readPlacement({
		method: opts.method,
		path: opts.url.pathname,
		bookmarkCookie: opts.bookmarkCookie,
		shard
	});
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
				shard: services.d1Session.shard(),
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
 * The request's shard: a portal's comes from the directory by its slug or custom domain; on
 * the dashboard host, a payment webhook's from the workspace in its path
 * (/webhooks/paystack/<slug>, /webhooks/stripe/<slug>), everything else's from the staff session cookie, which names
 * its shard unless it is the default (auth/sessions.ts). A name the directory does not list
 * is the default shard, where such a cookie finds no session. Signing in starts on the
 * default shard and finds the person's own (services.onShard).
 */
export function requestShard(
	directory: ShardDirectory,
	host: HostTarget,
	path: string,
	sessionCookie: string | undefined
): string {
	if (host.side === 'portal') return shardOf(directory, 'slug' in host ? host.slug : host.customDomain);
	// Every provider's webhook URL names the workspace the same way (http/routes/payment-webhooks.ts).
	const webhook = /^\/webhooks\/[a-z]+\/([^/]+)\/?$/.exec(path)?.[1];
	if (webhook) return shardOf(directory, webhook);
	const named = sessionCookieShard(sessionCookie);
	return named && isKnownShard(directory, named) ? named : DEFAULT_SHARD;
}

function appendHeader(headers: Headers, name: string, value: string) {
	try {
		headers.append(name, value);
	} catch {
		// immutable headers (e.g. a fetched asset): skip
	}
}
