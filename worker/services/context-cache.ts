/**
 * Per-isolate cache of what every request looks up first: the workspace of a host and the
 * session of a cookie (worker/domain/workspaces/load-request-context.ts). A hit saves the
 * D1 round trip that every page and API call would otherwise start with.
 *
 * Freshness, and its bound:
 * - Any write to a table the cached rows come from (CONTEXT_TABLES: branding and settings,
 *   sign-out and every other revocation, archiving a contact, a role change...) empties the
 *   cache of the isolate that made it, once the write has completed: `watchContextWrites`
 *   wraps the D1 binding, so no write path can forget to. Lookups that were in flight
 *   during the write cannot store what they read (the epoch moved on).
 * - Another isolate (another instance or data centre) keeps what it read for at most
 *   CONTEXT_CACHE_TTL_MS: a sign-out, a revoked session, a removed member or new branding
 *   takes effect there within that time. Entries are never refreshed in place, only
 *   dropped and read again.
 * A cached session is still checked against the clock (expiry) on every use, and the
 * decisions (which workspace a session may be used on) are made on every request from the
 * rows, exactly as without the cache; keys are the host (slug or custom domain, kept apart)
 * and the session id (the SHA-256 of the cookie), so one tenant's rows cannot answer for
 * another's.
 */
export const CONTEXT_CACHE_TTL_MS = 10_000;
/** Rows kept per kind; beyond it the oldest go first (a Map keeps insertion order). */
const MAX_ENTRIES = 5_000;

/** The tables the request context is read from (SQL names). */
export const CONTEXT_TABLES = ['workspaces', 'sessions', 'users', 'memberships', 'clients', 'client_contacts'] as const;

type Entry<V> = { value: V; storedAt: number };

export class TtlCache<V> {
	private readonly entries = new Map<string, Entry<V>>();

	get(key: string, now: number): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		// Expired, or a clock that went backwards (tests move it): read again.
		if (now - entry.storedAt >= CONTEXT_CACHE_TTL_MS || now < entry.storedAt) {
			this.entries.delete(key);
			return undefined;
		}
		return entry.value;
	}

	/** Stores what a lookup read, unless the cache was emptied since the lookup began (`epochAtStart`). */
	set(key: string, value: V, now: number, epochAtStart: number): void {
		if (epochAtStart !== shared.epoch) return;
		if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
		this.entries.set(key, { value: frozen(value), storedAt: now });
	}

	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}
}

/** Shared by every request of the isolate, so nobody may change it: rows are frozen (one level down too). */
function frozen<V>(value: V): V {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) if (inner && typeof inner === 'object') Object.freeze(inner);
		Object.freeze(value);
	}
	return value;
}

/**
 * The Worker bundles this module twice (once in the SvelteKit build the pages run, once for
 * the Hono API), so its state lives on globalThis: a write made through either copy must
 * empty the caches both read from.
 */
type SharedState = { epoch: number; caches: Map<string, TtlCache<unknown>> };
const shared: SharedState = ((globalThis as { [key: symbol]: SharedState })[Symbol.for('coportal.context-cache')] ??= { epoch: 0, caches: new Map() });

/** The isolate's cache called `name` (the same one from either copy of this module). */
export function contextCache<V>(name: string): TtlCache<V> {
	let cache = shared.caches.get(name);
	if (!cache) {
		cache = new TtlCache<unknown>();
		shared.caches.set(name, cache);
	}
	return cache as TtlCache<V>;
}

/** The current epoch: a lookup takes it before reading and hands it to `set`. */
export function contextEpoch(): number {
	return shared.epoch;
}

/** Empties every context cache of this isolate (and stops in-flight lookups from storing). */
export function clearContextCache(): void {
	shared.epoch++;
	for (const cache of shared.caches.values()) cache.clear();
}

const WRITE = /^\s*(?:insert|update|delete|replace)\b/i;
const CONTEXT_TABLE = new RegExp(`\\b(?:${CONTEXT_TABLES.join('|')})\\b`, 'i');

/** Whether a SQL statement writes and names one of the context tables (over-matching only costs a refill). */
export function writesContext(sql: string): boolean {
	return WRITE.test(sql) && CONTEXT_TABLE.test(sql);
}

const contextWrites = new WeakSet<D1PreparedStatement>();

/** Clears before (in-flight lookups will not store) and after (anything read meanwhile is dropped). */
function aroundWrite<T>(work: () => Promise<T>): Promise<T> {
	clearContextCache();
	return work().finally(clearContextCache);
}

const EXECUTORS = ['first', 'all', 'run', 'raw'] as const;

function watchStatement(statement: D1PreparedStatement): D1PreparedStatement {
	contextWrites.add(statement);
	const target = statement as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
	for (const method of EXECUTORS) {
		const original = target[method].bind(statement);
		target[method] = (...args: unknown[]) => aroundWrite(() => original(...args));
	}
	const bind = (target.bind as unknown as (...args: unknown[]) => D1PreparedStatement).bind(statement);
	(target as unknown as { bind: (...args: unknown[]) => D1PreparedStatement }).bind = (...args: unknown[]) => watchStatement(bind(...args));
	return statement;
}

/** The D1 binding, with every write to a context table emptying the context cache around it. */
export function watchContextWrites(d1: D1Database): D1Database {
	return new Proxy(d1, {
		get(target, prop) {
			if (prop === 'prepare')
				return (query: string) => {
					const statement = target.prepare(query);
					return writesContext(query) ? watchStatement(statement) : statement;
				};
			if (prop === 'batch')
				return (statements: D1PreparedStatement[]) =>
					statements.some((s) => contextWrites.has(s)) ? aroundWrite(() => target.batch(statements)) : target.batch(statements);
			if (prop === 'exec') return (query: string) => (writesContext(query) ? aroundWrite(() => target.exec(query)) : target.exec(query));
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
