import type { ReadPlacement } from './services';
import { DEFAULT_SHARD } from './services/shards';

/**
 * D1 read replication: which requests may read the nearest replica and which must read the
 * primary (services/db.ts, `ReadPlacement`). ARCHITECTURE.md, "D1", keeps the list in words.
 *
 * The primary, for anything whose reads decide a write or must not be stale:
 *  - every write request (POST, PUT, PATCH, DELETE: form actions and API writes), since an
 *    exactly-once path reads a status and then writes guarded statements;
 *  - payment webhooks (`/webhooks/`), the return from a checkout (`/invoices/<id>/paid`, a GET
 *    that confirms the payment), its API twin (`/api/invoices/<id>/payments/confirm`) and the
 *    payments API: what they apply depends on the payment's and the invoice's current state;
 *  - a thread's live socket (`/api/threads/<id>/socket`): the session and access it is opened
 *    on last as long as the socket does, so a revoke written a moment ago must already count;
 *  - sign-in: email links, second factor, passkeys (`/auth/`, `/api/auth/`), a token is used once;
 *  - the development tools (`/dev/`);
 *  - the cron (worker/scheduled.ts), and anything else built without a placement (buildServices).
 * Every other read (pages, `__data.json`, API GETs) goes to the nearest replica, never older
 * than the client's own last write: the bookmark of that write travels in BOOKMARK_COOKIE,
 * after its shard's name unless it is the default shard's (`DB_SHARD_2.<bookmark>`): a bookmark
 * means nothing to another database, so one of another shard is not sent (a staff member who
 * signed out of one shard's workspace and into another's, on the dashboard's one host).
 */
export const BOOKMARK_COOKIE = 'd1_bookmark';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const PRIMARY_PATHS: readonly RegExp[] = [
	/^\/webhooks\//,
	/^\/invoices\/[^/]+\/paid(\/__data\.json)?\/?$/,
	/^\/api\/invoices\/[^/]+\/payments\/confirm\/?$/,
	/^\/api\/payments(\/|$)/,
	/^\/api\/threads\/[^/]+\/socket\/?$/,
	/^\/auth\//,
	/^\/api\/auth\//,
	/^\/dev\//
];

/** A bookmark as D1 writes them (hex groups joined by dashes); anything else is ignored, never sent to D1. */
export function validBookmark(value: string | undefined): string | null {
	if (!value || value.length > 200) return null;
	return /^[0-9a-f]+(-[0-9a-f]+)+$/i.test(value) ? value : null;
}

export function readPlacement(opts: {
	method: string;
	path: string;
	bookmarkCookie: string | undefined;
	/** The request's shard (services/shards.ts); the default unless told. */
	shard?: string;
}): ReadPlacement {
	if (!SAFE_METHODS.has(opts.method.toUpperCase())) return { kind: 'primary' };
	if (PRIMARY_PATHS.some((re) => re.test(opts.path))) return { kind: 'primary' };
	return { kind: 'nearest', bookmark: bookmarkOf(opts.bookmarkCookie, opts.shard ?? DEFAULT_SHARD) };
}

/** The cookie's bookmark when it is the shard's, else nothing. */
function bookmarkOf(cookie: string | undefined, shard: string): string | null {
	if (!cookie) return null;
	const dot = cookie.indexOf('.');
	const [of, bookmark] = dot < 0 ? [DEFAULT_SHARD, cookie] : [cookie.slice(0, dot), cookie.slice(dot + 1)];
	return of === shard ? validBookmark(bookmark) : null;
}

function bookmarkCookieValue(shard: string, bookmark: string): string {
	return shard === DEFAULT_SHARD ? bookmark : `${shard}.${bookmark}`;
}

/**
 * After a request that read the primary (and so may have written): the session's bookmark
 * goes to the client, so its next reads, on any replica, include what it just wrote.
 * Not for webhooks (a server, not a browser) and not when nothing changed.
 */
export function bookmarkCookieHeader(opts: {
	bookmark: string | null;
	/** The shard the bookmark is of (services.d1Session.shard()); the default unless told. */
	shard?: string;
	previous: string | undefined;
	path: string;
	secure: boolean;
}): string | null {
	if (!opts.bookmark || !validBookmark(opts.bookmark) || opts.path.startsWith('/webhooks/')) return null;
	const value = bookmarkCookieValue(opts.shard ?? DEFAULT_SHARD, opts.bookmark);
	if (value === opts.previous) return null;
	return `${BOOKMARK_COOKIE}=${value}; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax${opts.secure ? '; Secure' : ''}`;
}
