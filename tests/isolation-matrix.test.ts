import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { api } from '../worker/http/app';
import { SETTINGS_DEMO } from '../db/seed/ids';
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
};

const PORTAL: Record<string, PageRoute> = {
	'portal': { access: 'client', path: '/' },
	'portal/login': { access: 'public', path: '/login', actions: ['default'] },
	'portal/auth/verify': { access: 'public', path: '/auth/verify', actions: ['default'] },
	'portal/logout': { access: 'public', path: '/logout', actions: ['default'], getRedirectsTo: '/' },
	'portal/projects/[id]': { access: 'client', path: `/projects/${DEMO.websiteProjectId}`, owned: true },
	// settings area
	'portal/forms/[slug]': { access: 'public', path: `/forms/${SETTINGS_DEMO.intakeFormSlug}`, actions: ['default'] },
	'portal/branding/logo': { access: 'public', path: '/branding/logo' },
	'portal/projects/[id]/feedback': { access: 'client', path: `/projects/${DEMO.brandProjectId}/feedback`, owned: true, actions: ['default'] }
};

const DASHBOARD: Record<string, PageRoute> = {
	'dashboard': { access: 'staff', path: '/' },
	'dashboard/login': { access: 'public', path: '/login', actions: ['default'] },
	'dashboard/auth/verify': { access: 'public', path: '/auth/verify', actions: ['default'] },
	'dashboard/logout': { access: 'public', path: '/logout', actions: ['default'], getRedirectsTo: '/' },
	'dashboard/workspaces': { access: 'staff', path: '/workspaces', actions: ['switch'], getRedirectsTo: '/' },
	'dashboard/projects/[id]': { access: 'staff', path: `/projects/${DEMO.websiteProjectId}`, owned: true },
	'dashboard/clients/[id]': { access: 'staff', path: `/clients/${DEMO.northwindId}`, owned: true },
	// settings area: owned: false = acts on the signed-in staff member's own workspace
	'dashboard/signup': { access: 'public', path: '/signup', actions: ['default'] },
	'dashboard/signup/confirm': { access: 'public', path: '/signup/confirm', actions: ['default'] },
	'dashboard/settings': { access: 'staff', path: '/settings', owned: false, actions: ['default'] },
	'dashboard/settings/branding': { access: 'staff', path: '/settings/branding', owned: false, actions: ['save', 'logo', 'removeLogo'] },
	'dashboard/settings/branding/logo': { access: 'staff', path: '/settings/branding/logo', owned: false },
	'dashboard/settings/team': { access: 'staff', path: '/settings/team', owned: false, actions: ['invite', 'role', 'remove'] },
	'dashboard/settings/notifications': { access: 'staff', path: '/settings/notifications', owned: false, actions: ['default'] },
	'dashboard/settings/forms': { access: 'staff', path: '/settings/forms', owned: false, actions: ['create'] },
	'dashboard/settings/forms/[id]': { access: 'staff', path: `/settings/forms/${SETTINGS_DEMO.intakeFormId}`, owned: true, actions: ['save', 'status'] },
	'dashboard/settings/feedback': { access: 'staff', path: '/settings/feedback', owned: false },
	'dashboard/leads': { access: 'staff', path: '/leads', owned: false, actions: ['move'] },
	'dashboard/leads/[id]': { access: 'staff', path: `/leads/${SETTINGS_DEMO.leadNewId}`, owned: true, actions: ['move', 'convert'] },
	'dashboard/activity': { access: 'staff', path: '/activity', owned: false },
	'dashboard/projects/[id]/feedback': { access: 'staff', path: `/projects/${DEMO.brandProjectId}/feedback`, owned: true, actions: ['request', 'close'] }
};

type ApiRoute = { access: Access | 'development'; path: string; body?: unknown; owned?: boolean; host?: 'portal' | 'dashboard' | 'any' };
const API: Record<string, ApiRoute> = {
	'GET /api/health': { access: 'public', path: '/api/health', host: 'any' },
	'POST /api/auth/login-link': { access: 'public', path: '/api/auth/login-link', body: { email: 'x@y.co' }, host: 'any' },
	'POST /api/auth/logout': { access: 'public', path: '/api/auth/logout', body: {}, host: 'any' },
	'GET /api/auth/me': { access: 'client', path: '/api/auth/me', host: 'any' },
	'GET /dev/outbox.json': { access: 'development', path: '/dev/outbox.json' },
	'GET /dev/outbox': { access: 'development', path: '/dev/outbox' },
	'POST /dev/seed': { access: 'development', path: '/dev/seed' },
	'POST /dev/login-link': { access: 'development', path: '/dev/login-link' },
	// settings area: owned: false = acts on the signed-in staff member's own workspace
	'GET /api/settings/workspace': { access: 'staff', path: '/api/settings/workspace', owned: false },
	'PUT /api/settings/workspace': { access: 'staff', path: '/api/settings/workspace', owned: false, body: {} },
	'GET /api/settings/branding': { access: 'staff', path: '/api/settings/branding', owned: false },
	'PUT /api/settings/branding': { access: 'staff', path: '/api/settings/branding', owned: false, body: {} },
	'PUT /api/settings/branding/logo': { access: 'staff', path: '/api/settings/branding/logo', owned: false, body: {} },
	'DELETE /api/settings/branding/logo': { access: 'staff', path: '/api/settings/branding/logo', owned: false },
	'GET /api/settings/team': { access: 'staff', path: '/api/settings/team', owned: false },
	'POST /api/settings/team': { access: 'staff', path: '/api/settings/team', owned: false, body: {} },
	'PATCH /api/settings/team/:membershipId': { access: 'staff', path: '/api/settings/team/mem_demo_member', body: { role: 'owner' } },
	'DELETE /api/settings/team/:membershipId': { access: 'staff', path: '/api/settings/team/mem_demo_member' },
	'GET /api/settings/notifications': { access: 'staff', path: '/api/settings/notifications', owned: false },
	'PUT /api/settings/notifications': { access: 'staff', path: '/api/settings/notifications', owned: false, body: { topics: [] } },
	'POST /api/signup': { access: 'public', path: '/api/signup', host: 'dashboard' },
	'POST /api/signup/confirm': { access: 'public', path: '/api/signup/confirm', host: 'dashboard' },
	'GET /api/intake-forms': { access: 'staff', path: '/api/intake-forms', owned: false },
	'POST /api/intake-forms': { access: 'staff', path: '/api/intake-forms', owned: false, body: {} },
	'GET /api/intake-forms/:id': { access: 'staff', path: `/api/intake-forms/${SETTINGS_DEMO.intakeFormId}` },
	'PUT /api/intake-forms/:id': { access: 'staff', path: `/api/intake-forms/${SETTINGS_DEMO.intakeFormId}`, body: { name: 'Hijacked', slug: 'hijacked' } },
	'POST /api/intake-forms/:id/status': { access: 'staff', path: `/api/intake-forms/${SETTINGS_DEMO.intakeFormId}/status`, body: { status: 'archived' } },
	'GET /api/public/forms/:slug': { access: 'public', path: `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`, host: 'portal' },
	'POST /api/public/forms/:slug': { access: 'public', path: `/api/public/forms/${SETTINGS_DEMO.intakeFormSlug}`, host: 'portal' },
	'GET /api/leads': { access: 'staff', path: '/api/leads', owned: false },
	'GET /api/leads/pipeline': { access: 'staff', path: '/api/leads/pipeline', owned: false },
	'GET /api/leads/:id': { access: 'staff', path: `/api/leads/${SETTINGS_DEMO.leadNewId}` },
	'PATCH /api/leads/:id': { access: 'staff', path: `/api/leads/${SETTINGS_DEMO.leadNewId}`, body: { stage: 'lost' } },
	'POST /api/leads/:id/convert': { access: 'staff', path: `/api/leads/${SETTINGS_DEMO.leadNewId}/convert`, body: {} },
	'GET /api/feedback': { access: 'staff', path: '/api/feedback', owned: false },
	'GET /api/feedback/projects/:projectId': { access: 'client', path: `/api/feedback/projects/${DEMO.brandProjectId}`, owned: true },
	'POST /api/feedback/projects/:projectId/requests': { access: 'staff', path: `/api/feedback/projects/${DEMO.brandProjectId}/requests` },
	'PUT /api/feedback/requests/:requestId/response': { access: 'client', path: `/api/feedback/requests/${SETTINGS_DEMO.feedbackRequestId}/response`, owned: true, body: { rating: 1 } },
	'POST /api/feedback/requests/:requestId/close': { access: 'staff', path: `/api/feedback/requests/${SETTINGS_DEMO.feedbackRequestId}/close` },
	'GET /api/activity': { access: 'staff', path: '/api/activity', owned: false }
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
					const post = await request(attacker.host, url, { method: 'POST', cookie: attacker.cookie, form: {}, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
					const actionProblem = await refusedAction(post);
					if (actionProblem && route.owned !== false) failures.push(`POST ${id} ?/${action} as ${attacker.name}: ${actionProblem}`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect(await fingerprint(services)).toBe(before);
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
					const post = await request(attacker.host, url, { method: 'POST', cookie: attacker.cookie, form: {}, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
					const actionProblem = await refusedAction(post);
					if (actionProblem && route.owned !== false) failures.push(`POST ${id} ?/${action} as ${attacker.name}: ${actionProblem}`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect(await fingerprint(services)).toBe(before);
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
				const res = await request(attacker.host, route.path, { method, cookie: attacker.cookie, json: method === 'GET' ? undefined : (route.body ?? {}) });
				if (route.owned === false && attacker.name === 'staff of another workspace') {
					// The route acts on the caller's own workspace: allowed, as long as nothing of this one shows.
					const body = await res.text();
					const leaked = DASHBOARD_SECRETS.find((secret) => body.includes(secret));
					if (res.status >= 500 || leaked) failures.push(`${key} as ${attacker.name}: ${res.status}${leaked ? ` leaked "${leaked}"` : ''}`);
					continue;
				}
				if (![401, 403, 404].includes(res.status)) failures.push(`${key} as ${attacker.name}: ${res.status}`);
				else {
					const body = (await res.json()) as { error?: { code?: string } };
					if (!body.error?.code) failures.push(`${key} as ${attacker.name}: refusal without the error shape`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect(await fingerprint(services)).toBe(before);
	});
});
