import type { Env } from '../env';
import { nextTurn, queueAfterResponse } from './after-response';
import { clockFromEnv, type Clock } from './clock';
import { readConfig, type AppConfig } from './config';
import type { D1Metrics } from './d1-metrics';
import { sessionDb, type Db, type DbSession, type ReadPlacement } from './db';
import { createReadBatcher } from './read-batcher';
import { createMailer } from './mail/mailer';
import type { Mailer } from './mail/types';
import { normalizeHostname } from './hostname';
import { createBlobStore, type BlobStore } from './storage';
import { createTokenStore, type TokenStore } from './tokens';
import { createUrls, type Urls } from './urls';
import { DEFAULT_SHARD, shardBinding } from './shards';

/** Everything a use case may touch of the outside world, built once per request. */
export type Services = {
	config: AppConfig;
	db: Db;
	/**
	 * The D1 session `db` runs on (read replication, services/db.ts): what it was built with
	 * (`constraint`) and the bookmark after this request's queries (carried to the client in a cookie).
	 */
	d1Session: Pick<DbSession, 'constraint' | 'bookmark'> & {
		/** A write made elsewhere for this request (the thread room's): its bookmark joins the cookie's. */
		note(bookmark: string | null | undefined): void;
		/** The shard `bookmark()` is of: this request's, or the one it follows. */
		shard(): string;
		/**
		 * From now on `bookmark()` is that of `shard`'s session: a request that signs someone in on
		 * another shard (their next requests go there) hands the browser that shard's bookmark,
		 * so they read the session it just wrote.
		 */
		follow(shard: string): void;
	};
	/** The D1 binding `db` is on: the workspace's shard (services/shards.ts). */
	shard: string;
	/**
	 * The same services on another shard, for the one place a request does not know its shard
	 * up front: staff signing in on the dashboard (their account lives on their workspace's
	 * shard, found by email, passkey or the link's record), and what always runs on the default
	 * shard (sign-up, sign-in limits). It reads and writes the primary, and changes nothing of
	 * this request's: `d1Session.follow` is the explicit step that moves its bookmark.
	 */
	onShard(shard: string): Services;
	/** Reads asked for in the same turn share one D1 round trip (read-batcher.ts): a page and its layouts' loads. */
	reads: { batch: Db['batch'] };
	mail: Mailer;
	storage: BlobStore;
	tokens: TokenStore;
	clock: Clock;
	urls: Urls;
	/** The outbound fetch used for third parties (Resend, Paystack); tests replace it at this edge. */
	fetch: typeof fetch;
	env: Env;
	/**
	 * Runs work after the response (ctx.waitUntil); errors are logged, never thrown at the user.
	 * A promise has already started; a function starts only once the response exists
	 * (after-response.ts), for work whose cost must not show in the response's timing.
	 */
	defer(work: Promise<unknown> | (() => Promise<unknown>)): void;
	/**
	 * Development and tests only: D1 round trips of this request (X-D1-Round-Trips header),
	 * counted for work run inside `withD1Metrics(services.d1Metrics, ...)` (services/d1-metrics.ts).
	 */
	d1Metrics?: D1Metrics;
};

export type ServiceOverrides = Partial<Pick<Services, 'clock' | 'fetch' | 'mail'>> & {
	/** The hostname the request came to: development helpers only ever answer on a local one. */
	requestHost?: string;
	/**
	 * Where the request's reads go (services/db.ts). The primary unless told otherwise: cron,
	 * tests and anything not built by the request start (worker/read-placement.ts) read the primary.
	 */
	placement?: ReadPlacement;
	/** The shard of the request's workspace (services/shards.ts); the default shard unless told. */
	shard?: string;
};

/** localhost, *.localhost and loopback addresses: the only hosts a development build answers as one. */
function isLocalHostname(hostname: string): boolean {
	const h = normalizeHostname(hostname);
	return h === 'localhost' || h.endsWith('.localhost') || h === '127.0.0.1' || h === '[::1]';
}

export function buildServices(
	env: Env,
	ctx: Pick<ExecutionContext, 'waitUntil'> | undefined,
	overrides: ServiceOverrides = {}
): Services {
	const vars = readConfig(env);
	// Fail closed: a Worker deployed with the development vars by mistake (plain `wrangler deploy`)
	// must not serve the outbox, /dev sign-in links or the stand-in checkout and its public webhook
	// secret to the internet. Those need ENVIRONMENT=development *and* a request to a local host.
	const config =
		vars.isDevelopment && overrides.requestHost !== undefined && !isLocalHostname(overrides.requestHost)
			? { ...vars, isDevelopment: false }
			: vars;
	// Counted in development (the benchmark) and in tests (what a response path does), never in production.
	const counting = config.environment !== 'production';
	const d1Metrics = counting ? { roundTrips: 0, statements: 0 } : undefined;
	const shard = overrides.shard ?? DEFAULT_SHARD;
	const session = sessionDb(shardBinding(env, shard), overrides.placement ?? { kind: 'primary' }, { counting });
	const db = session.db;
	let noted: string | null = null;
	const clock = overrides.clock ?? clockFromEnv(env);
	const outbound = overrides.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
	const storage = createBlobStore(env.FILES);
	const mail = overrides.mail ?? createMailer({ db, config, clock, fetch: outbound, storage });
	const elsewhere = new Map<string, Services>();
	let movedTo: Services | null = null;
	const services: Services = {
		config,
		db,
		d1Session: {
			constraint: session.constraint,
			bookmark: () => (movedTo ? movedTo.d1Session.bookmark() : newerBookmark(session.bookmark(), noted)),
			note: (bookmark) => void (noted = newerBookmark(noted, bookmark ?? null)),
			shard: () => movedTo?.shard ?? shard,
			follow: (other) => void (movedTo = other === shard ? null : services.onShard(other))
		},
		shard,
		onShard(other) {
			// `this`: a copy of these services with a stand-in (a test's recording db) stays itself.
			if (other === shard) return this;
			let found = elsewhere.get(other);
			if (!found) {
				found = buildServices(env, ctx, { ...overrides, shard: other, placement: { kind: 'primary' } });
				elsewhere.set(other, found);
			}
			return found;
		},
		reads: createReadBatcher(db),
		mail,
		storage,
		tokens: createTokenStore(env.TOKENS),
		clock,
		urls: createUrls(config, shard),
		fetch: outbound,
		env,
		d1Metrics,
		defer(work) {
			const guard = (p: Promise<unknown>) =>
				p.catch((error) => console.error('deferred work failed:', error instanceof Error ? error.message : error));
			if (typeof work !== 'function') {
				const guarded = guard(work);
				if (ctx) ctx.waitUntil(guarded);
				return;
			}
			if (ctx && queueAfterResponse(ctx, () => guard(work()))) return;
			// No Worker entry around this call (tests, cron): start on the next turn, after the caller has returned.
			const later = guard(nextTurn().then(work));
			if (ctx) ctx.waitUntil(later);
		}
	};
	return services;
}

/** Bookmarks sort lexicographically, oldest first (D1 docs): the newer of two. */
function newerBookmark(a: string | null, b: string | null): string | null {
	if (!a) return b;
	if (!b) return a;
	return a > b ? a : b;
}

export type { AppConfig, Clock, Db, Mailer, BlobStore, TokenStore, Urls, ReadPlacement };
