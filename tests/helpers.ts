import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { ACME, DEMO, seedDemo } from '../worker/dev/seed';
import { clientContacts, memberships, users, workspaces } from '../db/schema';
import type { Actor } from '../worker/domain/actor';
import { newSessionInsert } from '../worker/domain/auth/sessions';
import type { Scope, Workspace } from '../worker/domain/scope';
import { buildServices, type ServiceOverrides, type Services } from '../worker/services';
import { clockFromEnv, isoDay } from '../worker/services/clock';

export { ACME, DEMO };

/**
 * Real services on the test's own D1/KV/R2. Work deferred with services.defer
 * (emails after the response, KV clean-up) is collected so a test can await it.
 */
export type TestServices = Services & { settle(): Promise<void> };

export function testServices(overrides: ServiceOverrides = {}): TestServices {
	const pending: Promise<unknown>[] = [];
	const services = buildServices(env, { waitUntil: (p: Promise<unknown>) => void pending.push(p) }, overrides);
	return Object.assign(services, {
		async settle() {
			while (pending.length) await Promise.all(pending.splice(0));
		}
	});
}

export const DAY_MS = 86_400_000;

/**
 * The clock the Worker reads in this run: the real one, or the one `TEST_NOW` pinned
 * (vitest.config.ts). Tests take "now" from here, never from Date.now(), so a suite
 * run as if in 2030 still agrees with the Worker about what is due or expired.
 */
export const testClock = clockFromEnv(env);

/** The calendar day (UTC) `days` from the test clock's today: dates in tests are relative, never literal. */
export function inDays(days: number): string {
	return isoDay(testClock.now() + days * DAY_MS);
}

/** A clock the test moves by hand; it starts at the test clock's "now" unless told otherwise. */
export function fixedClock(start = testClock.now()) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

export async function seed<S extends Services>(services: S): Promise<S> {
	await seedDemo(services);
	return services;
}

/** The request's services with one shard that fails every query (a shard in an outage). */
export function withShardDown(services: Services, down: string): Services {
	const failing = new Proxy({} as Services['db'], {
		get() {
			throw new Error(`${down} is unavailable`);
		}
	});
	return {
		...services,
		onShard(shard: string) {
			const on = services.onShard(shard);
			return shard === down ? { ...on, db: failing } : on;
		}
	};
}

export async function workspace(services: Services, id: string): Promise<Workspace> {
	const row = await services.db.query.workspaces.findFirst({ where: eq(workspaces.id, id) });
	if (!row) throw new Error(`no workspace ${id}`);
	return row;
}

export async function staffActor(services: Services, workspaceId: string, userId: string): Promise<Actor> {
	const user = await services.db.query.users.findFirst({ where: eq(users.id, userId) });
	const member = await services.db.query.memberships.findFirst({ where: eq(memberships.userId, userId) });
	if (!user || !member) throw new Error(`no staff ${userId} in ${workspaceId}`);
	return { kind: 'staff', userId, name: user.name, email: user.email, role: member.role };
}

export async function clientActor(services: Services, contactId: string): Promise<Actor> {
	const contact = await services.db.query.clientContacts.findFirst({ where: eq(clientContacts.id, contactId) });
	if (!contact) throw new Error(`no contact ${contactId}`);
	return { kind: 'client', contactId, clientId: contact.clientId, name: contact.name, email: contact.email };
}

/** Ready-made scopes on the demo data. */
export async function scopes(services: Services) {
	const demo = await workspace(services, DEMO.workspaceId);
	const acme = await workspace(services, ACME.workspaceId);
	const s = (ws: Workspace, actor: Actor): Scope => ({ services, workspace: ws, actor });
	return {
		demo,
		acme,
		demoOwner: s(demo, await staffActor(services, DEMO.workspaceId, DEMO.ownerUserId)),
		casey: s(demo, await clientActor(services, DEMO.caseyContactId)),
		oscar: s(demo, await clientActor(services, DEMO.oscarContactId)),
		acmeOwner: s(acme, await staffActor(services, ACME.workspaceId, ACME.ownerUserId)),
		acmeClient: s(acme, await clientActor(services, ACME.clientContactId)),
		anonymousDemo: s(demo, { kind: 'anonymous' })
	};
}

/**
 * A signed-in cookie for a client contact or staff user, made the way a magic link would.
 * `secondFactor` makes a staff session that has also verified a second factor.
 */
export async function sessionCookie(
	services: Services,
	who: { contactId: string } | { userId: string; workspaceId: string; secondFactor?: boolean }
): Promise<string> {
	let input;
	if ('contactId' in who) {
		const contact = await services.db.query.clientContacts.findFirst({ where: eq(clientContacts.id, who.contactId) });
		if (!contact) throw new Error('no contact');
		input = {
			kind: 'client' as const,
			workspaceId: contact.workspaceId,
			contactId: contact.id,
			clientId: contact.clientId
		};
	} else {
		input = {
			kind: 'staff' as const,
			workspaceId: who.workspaceId,
			userId: who.userId,
			...(who.secondFactor ? { mfa: { method: 'passkey' as const } } : {})
		};
	}
	const session = await newSessionInsert(services, input);
	await session.insert;
	return `cp_session=${session.token}`;
}

export const hosts = {
	dashboard: 'localhost:8787',
	demo: 'demo.localhost:8787',
	acme: 'acme.localhost:8787'
};

type RequestOptions = RequestInit & { cookie?: string; json?: unknown; form?: Record<string, string> };

/** The Request a browser on that host would send: cookie, JSON or form body, same-origin header on writes. */
function browserRequest(host: string, path: string, init: RequestOptions): Request {
	const headers = new Headers(init.headers);
	if (init.cookie) headers.set('cookie', init.cookie);
	let body = init.body;
	if (init.json !== undefined) {
		headers.set('content-type', 'application/json');
		body = JSON.stringify(init.json);
	}
	if (init.form) {
		headers.set('content-type', 'application/x-www-form-urlencoded');
		body = new URLSearchParams(init.form).toString();
	}
	const method = init.method ?? (body ? 'POST' : 'GET');
	if (method !== 'GET' && !headers.has('origin')) headers.set('origin', `http://${host}`);
	if (!headers.has('accept')) headers.set('accept', init.form ? 'text/html' : 'application/json, text/html');
	return new Request(`http://${host}${path}`, { ...init, method, headers, body, redirect: 'manual' });
}

/** A request through the whole Worker (Hono or SvelteKit), as a browser on that host would send it. */
/** The seeded demo with session cookies of the usual cast: the demo owner, Casey and Oscar (two clients' contacts). */
export async function seededWithCookies() {
	const services = await seed(testServices());
	return {
		services,
		staff: await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId }),
		casey: await sessionCookie(services, { contactId: DEMO.caseyContactId }),
		oscar: await sessionCookie(services, { contactId: DEMO.oscarContactId })
	};
}

export async function request(host: string, path: string, init: RequestOptions = {}) {
	return exports.default.fetch(browserRequest(host, path, init));
}

/** Waits for something that happens after a response (ctx.waitUntil work), failing with the last error. */
export async function eventually<T>(check: () => Promise<T>, { tries = 50, everyMs = 20 } = {}): Promise<T> {
	let lastError: unknown;
	for (let i = 0; i < tries; i++) {
		try {
			return await check();
		} catch (error) {
			lastError = error;
			await new Promise((r) => setTimeout(r, everyMs));
		}
	}
	throw lastError;
}

/** Emails recorded in the email log for an address, newest first. */
export async function emailsTo(services: Services, to: string) {
	const { listOutbox } = await import('../worker/dev/outbox');
	return listOutbox(services, { to });
}

export function linkIn(text: string): string {
	const match = /(https?:\/\/\S+\/auth\/verify\?token=[\w-]+)/.exec(text);
	if (!match) throw new Error(`no sign-in link in: ${text}`);
	return match[1];
}

/**
 * Like `request`, but also waits for the work the Worker deferred with
 * ctx.waitUntil (emails after the response...), so a test can assert on it
 * without polling and nothing spills into the next test.
 */
export async function requestSettled(host: string, path: string, init: RequestOptions = {}) {
	const { createExecutionContext, waitOnExecutionContext } = await import('cloudflare:test');
	const worker = (await import('../worker/index')).default;
	const ctx = createExecutionContext();
	const response = await worker.fetch(
		browserRequest(host, path, init) as Request<unknown, IncomingRequestCfProperties>,
		env,
		ctx
	);
	await waitOnExecutionContext(ctx);
	return response;
}
export { CONTRACTS, QUOTES } from '../worker/dev/seed/ids';

/** A staff session as the dashboard sees it (full or pending), with the account its pages act for. */
export async function staffAccount(
	services: Services,
	who: { userId: string; workspaceId: string; secondFactor?: boolean; userAgent?: string }
) {
	const { loadRequestContext } = await import('../worker/domain/workspaces/load-request-context');
	const { accountOf } = await import('../worker/domain/factors/account');
	const session = await newSessionInsert(services, {
		kind: 'staff',
		workspaceId: who.workspaceId,
		userId: who.userId,
		userAgent: who.userAgent ?? null,
		...(who.secondFactor ? { mfa: { method: 'passkey' as const } } : {})
	});
	await session.insert;
	const cookie = `cp_session=${session.token}`;
	const context = async () =>
		loadRequestContext({ services, host: { side: 'dashboard' }, sessionCookie: session.token, ip: null });
	const ctx = await context();
	return { cookie, sessionId: session.id, publicId: session.publicId, context, account: accountOf(services, ctx) };
}

/** The SQL and bound values a statement sends (drizzle's batch protocol): compiled reads are compared with drizzle's own. */
export function preparedSql(statement: unknown): { sql: string; params: unknown[] } {
	return (statement as { _prepare(): { getQuery(): { sql: string; params: unknown[] } } })._prepare().getQuery();
}
