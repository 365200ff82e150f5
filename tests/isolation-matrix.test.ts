import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '../worker/http/app';
import { THREADS } from '../db/seed/ids';
import { ACME, DEMO, hosts, request, seed, sessionCookie, testServices, type TestServices } from './helpers';

/**
 * The tenant isolation matrix. Every page, form action and API route must be
 * listed here with who may use it; each is then tried as a client of another
 * company, a client of another workspace, a logged-out visitor and staff of
 * another workspace, and must refuse them without changing anything.
 * Adding a route without listing it fails the first tests below.
 */
type Access = 'public' | 'client' | 'staff';
type PageRoute = {
	access: Access;
	/** A concrete URL on the demo data; for client routes it targets Casey's (Northwind) data. */
	path: string;
	/** True when the path names one resource (another tenant must get 404); false for lists. */
	owned?: boolean;
	/** Named form actions ('default' for the unnamed one). */
	actions?: string[];
	/** The GET only redirects there and shows nothing (e.g. a form-action-only route). */
	getRedirectsTo?: string;
	/** Valid form input per action, so the refusal is about who asks, not what they sent. */
	forms?: Record<string, Record<string, string>>;
};

const PORTAL: Record<string, PageRoute> = {
	'portal': { access: 'client', path: '/' },
	'portal/login': { access: 'public', path: '/login', actions: ['default'] },
	'portal/auth/verify': { access: 'public', path: '/auth/verify', actions: ['default'] },
	'portal/logout': { access: 'public', path: '/logout', actions: ['default'], getRedirectsTo: '/' },
	'portal/projects/[id]': { access: 'client', path: `/projects/${DEMO.websiteProjectId}`, owned: true },
	'portal/projects/[id]/messages': { access: 'client', path: `/projects/${DEMO.websiteProjectId}/messages`, owned: true, actions: ['create'], forms: { create: { title: 'Hijack', body: 'Hello' } } },
	'portal/projects/[id]/messages/[threadId]': { access: 'client', path: `/projects/${DEMO.websiteProjectId}/messages/${THREADS.designId}`, owned: true, actions: ['post'], forms: { post: { body: 'Hello' } } }
};

const DASHBOARD: Record<string, PageRoute> = {
	'dashboard': { access: 'staff', path: '/' },
	'dashboard/login': { access: 'public', path: '/login', actions: ['default'] },
	'dashboard/auth/verify': { access: 'public', path: '/auth/verify', actions: ['default'] },
	'dashboard/logout': { access: 'public', path: '/logout', actions: ['default'], getRedirectsTo: '/' },
	'dashboard/workspaces': { access: 'staff', path: '/workspaces', actions: ['switch'], getRedirectsTo: '/' },
	'dashboard/projects/[id]': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}`, owned: true, actions: ['createTask', 'move'] },
	'dashboard/clients/[id]': { access: 'staff', path: `/clients/${DEMO.northwindId}`, owned: true, actions: ['addContact', 'invite', 'archive', 'unarchive'] },
	'dashboard/clients': { access: 'staff', path: '/clients' },
	'dashboard/clients/new': { access: 'staff', path: '/clients/new', owned: false, actions: ['default'] },
	'dashboard/clients/[id]/edit': { access: 'staff', path: `/clients/${DEMO.northwindId}/edit`, owned: true, actions: ['default'] },
	'dashboard/clients/[id]/contacts/[contactId]': { access: 'staff', path: `/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}`, owned: true, actions: ['update', 'invite', 'archive', 'unarchive'] },
	'dashboard/projects': { access: 'staff', path: '/projects' },
	'dashboard/projects/new': { access: 'staff', path: '/projects/new', owned: false, actions: ['default'] },
	'dashboard/projects/[id]/edit': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}/edit`, owned: true, actions: ['default'] },
	'dashboard/projects/[id]/tasks/[taskId]': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}/tasks/tsk_demo_w3`, owned: true, actions: ['update', 'delete'] },
	'dashboard/projects/[id]/activity': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}/activity`, owned: true },
	'dashboard/projects/[id]/threads': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}/threads`, owned: true, actions: ['create'], forms: { create: { title: 'Hijack', body: 'Hello' } } },
	'dashboard/projects/[id]/threads/[threadId]': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}`, owned: true, actions: ['post'], forms: { post: { body: 'Hello' } } }
};

type ApiRoute = { access: Access | 'development'; path: string; body?: unknown; owned?: boolean; host?: 'portal' | 'dashboard' | 'any' };
const API: Record<string, ApiRoute> = {
	'GET /api/health': { access: 'public', path: '/api/health', host: 'any' },
	'POST /api/auth/login-link': { access: 'public', path: '/api/auth/login-link', body: { email: 'x@y.co' }, host: 'any' },
	'POST /api/auth/logout': { access: 'public', path: '/api/auth/logout', body: {}, host: 'any' },
	'GET /api/auth/me': { access: 'client', path: '/api/auth/me', host: 'any' },
	'GET /api/threads': { access: 'client', path: `/api/threads?projectId=${DEMO.websiteProjectId}`, owned: true, host: 'any' },
	'POST /api/threads': { access: 'client', path: '/api/threads', body: { projectId: DEMO.websiteProjectId, title: 'Hijack', body: 'Hello' }, owned: true, host: 'any' },
	'GET /api/threads/:id': { access: 'client', path: `/api/threads/${THREADS.designId}`, owned: true, host: 'any' },
	'POST /api/threads/:id/messages': { access: 'client', path: `/api/threads/${THREADS.designId}/messages`, body: { body: 'Hijack' }, owned: true, host: 'any' },
	'POST /api/threads/:id/read': { access: 'client', path: `/api/threads/${THREADS.designId}/read`, body: { seq: 99 }, owned: true, host: 'any' },
	'GET /api/threads/:id/socket': { access: 'client', path: `/api/threads/${THREADS.designId}/socket`, owned: true, host: 'any' },
	// core area. owned: false = acts on the signed-in staff member's own workspace. Clients' routes last: archiving signs Casey out.
	'GET /api/projects': { access: 'client', path: '/api/projects', host: 'any' },
	'POST /api/projects': { access: 'staff', path: '/api/projects', body: { name: 'Intrusion', clientId: DEMO.northwindId }, owned: false, host: 'dashboard' },
	'GET /api/projects/:id': { access: 'client', path: `/api/projects/${DEMO.websiteProjectId}`, owned: true, host: 'any' },
	'PATCH /api/projects/:id': { access: 'staff', path: `/api/projects/${DEMO.websiteProjectId}`, body: { name: 'Pwned' }, owned: true, host: 'dashboard' },
	'GET /api/projects/:id/tasks': { access: 'client', path: `/api/projects/${DEMO.websiteProjectId}/tasks`, owned: true, host: 'any' },
	'POST /api/projects/:id/tasks': { access: 'staff', path: `/api/projects/${DEMO.websiteProjectId}/tasks`, body: { title: 'Injected' }, owned: true, host: 'dashboard' },
	'GET /api/projects/:id/activity': { access: 'staff', path: `/api/projects/${DEMO.websiteProjectId}/activity`, owned: true, host: 'dashboard' },
	'PATCH /api/tasks/:id': { access: 'staff', path: '/api/tasks/tsk_demo_w3', body: { title: 'Pwned' }, owned: true, host: 'dashboard' },
	'POST /api/tasks/:id/move': { access: 'staff', path: '/api/tasks/tsk_demo_w3/move', body: { status: 'complete' }, owned: true, host: 'dashboard' },
	'DELETE /api/tasks/:id': { access: 'staff', path: '/api/tasks/tsk_demo_w3', owned: true, host: 'dashboard' },
	'GET /api/clients': { access: 'staff', path: '/api/clients', owned: false, host: 'dashboard' },
	'POST /api/clients': { access: 'staff', path: '/api/clients', body: { name: 'Intruder Inc' }, owned: false, host: 'dashboard' },
	'GET /api/clients/:id': { access: 'staff', path: `/api/clients/${DEMO.northwindId}`, owned: true, host: 'dashboard' },
	'PATCH /api/clients/:id': { access: 'staff', path: `/api/clients/${DEMO.northwindId}`, body: { name: 'Pwned' }, owned: true, host: 'dashboard' },
	'POST /api/clients/:id/contacts': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/contacts`, body: { name: 'Spy', email: 'spy@evil.test' }, owned: true, host: 'dashboard' },
	'PATCH /api/clients/:id/contacts/:contactId': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}`, body: { name: 'Casey C.' }, owned: true, host: 'dashboard' },
	'POST /api/clients/:id/contacts/:contactId/invite': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/invite`, owned: true, host: 'dashboard' },
	'POST /api/clients/:id/contacts/:contactId/archive': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/archive`, owned: true, host: 'dashboard' },
	'POST /api/clients/:id/contacts/:contactId/unarchive': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}/unarchive`, owned: true, host: 'dashboard' },
	'POST /api/clients/:id/archive': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/archive`, owned: true, host: 'dashboard' },
	'POST /api/clients/:id/unarchive': { access: 'staff', path: `/api/clients/${DEMO.northwindId}/unarchive`, owned: true, host: 'dashboard' },
	'GET /dev/outbox.json': { access: 'development', path: '/dev/outbox.json' },
	'GET /dev/outbox': { access: 'development', path: '/dev/outbox' },
	'POST /dev/seed': { access: 'development', path: '/dev/seed' },
	'POST /dev/login-link': { access: 'development', path: '/dev/login-link' }
};

// --- discovery --------------------------------------------------------------
const routeId = (file: string) => file.replace(/^\/app\/routes\//, '').replace(/\/\+page\.(server\.ts|svelte)$|\/\+server\.ts$/, '');
const pageFiles = [...Object.keys(import.meta.glob('/app/routes/**/+page.svelte')), ...Object.keys(import.meta.glob('/app/routes/**/+page.server.ts'))];
const endpointFiles = Object.keys(import.meta.glob('/app/routes/**/+server.ts'));
const serverSources = import.meta.glob('/app/routes/**/+page.server.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The top-level keys of `export const actions = { ... }` in a +page.server.ts source. */
function declaredActions(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	// Keep only the text directly inside the object (nested braces/parens dropped), then split entries.
	let depth = 0;
	let flat = '';
	for (let i = source.indexOf('{', start); i < source.length; i++) {
		const ch = source[i];
		if ('{(['.includes(ch)) {
			depth++;
			continue;
		}
		if ('})]'.includes(ch)) {
			depth--;
			if (depth === 0) break;
			continue;
		}
		if (depth === 1) flat += ch;
	}
	return flat
		.split(',')
		.map((entry) => /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)/.exec(entry)?.[1])
		.filter((key): key is string => Boolean(key));
}

describe('isolation matrix: every route is listed', () => {
	it('lists every SvelteKit page and endpoint', () => {
		const found = [...new Set([...pageFiles, ...endpointFiles].map(routeId))].sort();
		const listed = [...Object.keys(PORTAL), ...Object.keys(DASHBOARD)].sort();
		expect(found.filter((r) => !listed.includes(r)), 'routes missing from the matrix').toEqual([]);
		expect(listed.filter((r) => !found.includes(r)), 'matrix entries for routes that no longer exist').toEqual([]);
	});

	it('lists every form action', () => {
		for (const [file, source] of Object.entries(serverSources)) {
			const id = routeId(file);
			const entry = PORTAL[id] ?? DASHBOARD[id];
			expect(declaredActions(source).sort(), `actions of ${id}`).toEqual([...(entry?.actions ?? [])].sort());
		}
	});

	it('lists every API route', () => {
		const found = [...new Set(api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
		expect(found.filter((r) => !(r in API)), 'API routes missing from the matrix').toEqual([]);
		expect(Object.keys(API).filter((r) => !found.includes(r)), 'matrix entries for API routes that no longer exist').toEqual([]);
	});
});

// --- attackers ----------------------------------------------------------------
type Attacker = { name: string; host: string; cookie?: string };

async function attackers(services: TestServices) {
	const oscar = await sessionCookie(services, { contactId: DEMO.oscarContactId });
	const acmeClient = await sessionCookie(services, { contactId: ACME.clientContactId });
	const acmeOwner = await sessionCookie(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId });
	const demoOwner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
	const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
	return {
		portal: [
			{ name: 'client of another company', host: hosts.demo, cookie: oscar },
			{ name: 'client of another workspace', host: hosts.demo, cookie: acmeClient },
			{ name: 'logged-out visitor', host: hosts.demo },
			{ name: 'staff of this workspace (not a portal session)', host: hosts.demo, cookie: demoOwner },
			{ name: 'staff of another workspace', host: hosts.demo, cookie: acmeOwner }
		] satisfies Attacker[],
		dashboard: [
			{ name: 'staff of another workspace', host: hosts.dashboard, cookie: acmeOwner },
			{ name: 'client of this workspace', host: hosts.dashboard, cookie: casey },
			{ name: 'logged-out visitor', host: hosts.dashboard }
		] satisfies Attacker[]
	};
}

/** Text that only Casey's company (portal) or the demo workspace (dashboard) may see. */
const PORTAL_SECRETS = ['Website redesign', 'Northwind'];
const DASHBOARD_SECRETS = ['Northwind', 'Globex', 'Website redesign'];

function isLoginRedirect(res: Response) {
	return res.status === 303 && (res.headers.get('location') ?? '').startsWith('/login');
}

async function refusedPage(res: Response, route: PageRoute, secrets: string[]): Promise<string | null> {
	if (route.getRedirectsTo && res.status === 303 && res.headers.get('location') === route.getRedirectsTo) return null;
	if (isLoginRedirect(res) || res.status === 404 || res.status === 403 || res.status === 401) {
		const body = await res.text();
		const leaked = secrets.find((s) => body.includes(s));
		return leaked ? `refused but leaked "${leaked}"` : null;
	}
	if (res.status === 200 && !route.owned) {
		const body = await res.text();
		const leaked = secrets.find((s) => body.includes(s));
		return leaked ? `list leaked "${leaked}"` : null;
	}
	return `answered ${res.status} ${res.headers.get('location') ?? ''}`;
}

async function refusedAction(res: Response): Promise<string | null> {
	if (isLoginRedirect(res) || [401, 403, 404, 405].includes(res.status)) return null;
	const text = await res.text();
	try {
		const result = JSON.parse(text) as { type: string; status: number; location?: string };
		if (result.type === 'redirect' && result.location?.startsWith('/login')) return null;
		if (result.type === 'failure' && [401, 403, 404].includes(result.status)) return null;
		if (result.type === 'error' && [401, 403, 404, 405].includes(result.status)) return null;
		return `action answered ${JSON.stringify(result).slice(0, 200)}`;
	} catch {
		return `action answered ${res.status}`;
	}
}

/** A cheap fingerprint of everything tenant data could change in. */
async function fingerprint(services: TestServices): Promise<string> {
	const tables = ['clients', 'client_contacts', 'projects', 'tasks', 'files', 'threads', 'messages', 'time_entries', 'quotes', 'contracts', 'invoices', 'payments', 'feedback_responses', 'leads', 'memberships', 'workspaces'];
	const parts = [];
	for (const t of tables) {
		const row = await services.db.get<{ n: number; s: string }>(sql.raw(`SELECT count(*) AS n, group_concat(id) AS s FROM ${t}`));
		parts.push(`${t}:${row?.n}:${row?.s?.length ?? 0}`);
	}
	const updated = await services.db.get<{ u: number }>(sql.raw('SELECT max(updated_at) AS u FROM (SELECT updated_at FROM projects UNION ALL SELECT updated_at FROM tasks UNION ALL SELECT updated_at FROM clients)'));
	return parts.join('|') + `|${updated?.u}`;
}

describe('isolation matrix: every protected route refuses other tenants', () => {
	it('portal pages and actions', async () => {
		const services = await seed(testServices());
		const who = await attackers(services);
		const before = await fingerprint(services);
		const failures: string[] = [];
		for (const [id, route] of Object.entries(PORTAL)) {
			if (route.access === 'public') continue;
			for (const attacker of who.portal) {
				const res = await request(attacker.host, route.path, { cookie: attacker.cookie, headers: { accept: 'text/html' } });
				const problem = await refusedPage(res, route, PORTAL_SECRETS);
				if (problem) failures.push(`GET ${id} as ${attacker.name}: ${problem}`);
				for (const action of route.actions ?? []) {
					const url = action === 'default' ? route.path : `${route.path}?/${action}`;
					const post = await request(attacker.host, url, { method: 'POST', cookie: attacker.cookie, form: route.forms?.[action] ?? {}, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
					const actionProblem = await refusedAction(post);
					if (actionProblem && route.owned !== false) failures.push(`POST ${id} ?/${action} as ${attacker.name}: ${actionProblem}`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect((await fingerprint(services)).split('|')).toEqual(before.split('|'));
	});

	it('dashboard pages and actions', async () => {
		const services = await seed(testServices());
		const who = await attackers(services);
		const before = await fingerprint(services);
		const failures: string[] = [];
		for (const [id, route] of Object.entries(DASHBOARD)) {
			if (route.access === 'public') continue;
			for (const attacker of who.dashboard) {
				const res = await request(attacker.host, route.path, { cookie: attacker.cookie, headers: { accept: 'text/html' } });
				const problem = await refusedPage(res, route, DASHBOARD_SECRETS);
				if (problem) failures.push(`GET ${id} as ${attacker.name}: ${problem}`);
				for (const action of route.actions ?? []) {
					const url = action === 'default' ? route.path : `${route.path}?/${action}`;
					const post = await request(attacker.host, url, { method: 'POST', cookie: attacker.cookie, form: route.forms?.[action] ?? {}, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
					const actionProblem = await refusedAction(post);
					if (actionProblem && route.owned !== false) failures.push(`POST ${id} ?/${action} as ${attacker.name}: ${actionProblem}`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect((await fingerprint(services)).split('|')).toEqual(before.split('|'));
	});

	it('API routes', async () => {
		const services = await seed(testServices());
		const who = await attackers(services);
		const before = await fingerprint(services);
		const failures: string[] = [];
		for (const [key, route] of Object.entries(API)) {
			if (route.access === 'public' || route.access === 'development') continue;
			const method = key.split(' ')[0];
			const list = route.access === 'staff' ? who.dashboard : [...who.portal.filter((a) => a.name !== 'client of another company' || route.owned)];
			for (const attacker of list) {
				if (route.access === 'client' && attacker.cookie && attacker.name.startsWith('staff of this')) continue;
				if (route.owned === false && attacker.name === 'staff of another workspace') {
					// Lists and creates act on the attacker's own workspace: allowed, but nothing of this one may show.
					// (An empty body, so nothing is created there either and the fingerprint holds.)
					const own = await request(attacker.host, route.path, { method, cookie: attacker.cookie, json: method === 'GET' ? undefined : {} });
					const text = await own.text();
					const leaked = DASHBOARD_SECRETS.find((secret) => text.includes(secret));
					if (own.status >= 500 || leaked) failures.push(`${key} as ${attacker.name}: ${own.status} ${leaked ?? ''}`);
					continue;
				}
				const res = await request(attacker.host, route.path, { method, cookie: attacker.cookie, json: method === 'GET' ? undefined : (route.body ?? {}) });
				if (![401, 403, 404].includes(res.status)) failures.push(`${key} as ${attacker.name}: ${res.status}`);
				else {
					const body = (await res.json()) as { error?: { code?: string } };
					if (!body.error?.code) failures.push(`${key} as ${attacker.name}: refusal without the error shape`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect((await fingerprint(services)).split('|')).toEqual(before.split('|'));
	});
});

describe('isolation matrix: the rightful user gets through (so the refusals above mean something)', () => {
	it('every protected page and listed form works for its owner', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const failures: string[] = [];
		for (const [routes, host, cookie] of [
			[PORTAL, hosts.demo, casey],
			[DASHBOARD, hosts.dashboard, owner]
		] as const) {
			for (const [id, route] of Object.entries(routes)) {
				if (route.access === 'public') continue;
				const res = await request(host, route.path, { cookie, headers: { accept: 'text/html' } });
				const redirectOk = route.getRedirectsTo && res.status === 303 && res.headers.get('location') === route.getRedirectsTo;
				if (res.status !== 200 && !redirectOk) failures.push(`GET ${id}: ${res.status} ${res.headers.get('location') ?? ''}`);
				for (const [action, form] of Object.entries(route.forms ?? {})) {
					const url = action === 'default' ? route.path : `${route.path}?/${action}`;
					const post = await request(host, url, { method: 'POST', cookie, form, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
					const result = (await post.json()) as { type: string; location?: string; status?: number };
					if (!(result.type === 'success' || (result.type === 'redirect' && !result.location?.startsWith('/login')))) failures.push(`POST ${id} ?/${action}: ${JSON.stringify(result).slice(0, 160)}`);
				}
			}
		}
		expect(failures).toEqual([]);
	});

	it('every protected API route answers its owner', async () => {
		const services = await seed(testServices());
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const failures: string[] = [];
		for (const [key, route] of Object.entries(API)) {
			if (route.access === 'public' || route.access === 'development' || key.endsWith('/socket')) continue;
			const method = key.split(' ')[0];
			const [host, cookie] = route.access === 'staff' ? [hosts.dashboard, owner] : [hosts.demo, casey];
			const res = await request(host, route.path, { method, cookie, json: method === 'GET' ? undefined : (route.body ?? {}) });
			if (res.status >= 400) failures.push(`${key}: ${res.status} ${(await res.text()).slice(0, 160)}`);
		}
		expect(failures).toEqual([]);
	});
});
