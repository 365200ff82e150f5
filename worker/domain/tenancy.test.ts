import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients, projects, tasks } from '../../db/schema';
import * as schema from '../../db/schema';
import { getTableColumns, getTableName, isTable } from 'drizzle-orm';
import { ACME, DEMO, scopes, seed, testServices } from '../../tests/helpers';
import { clientScope, staffScope } from './tenancy';

describe('tenancy', () => {
	it('gives staff every row of their own workspace and none of another', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const rows = await services.db
			.select({ id: projects.id, ws: projects.workspaceId })
			.from(projects)
			.where(clientScope(projects, demoOwner));
		const all = await services.db
			.select({ id: projects.id })
			.from(projects)
			.where(eq(projects.workspaceId, DEMO.workspaceId));
		expect(rows.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
		expect(rows.map((r) => r.id)).toEqual(
			expect.arrayContaining([DEMO.brandProjectId, DEMO.globexProjectId, DEMO.websiteProjectId])
		);
		expect(rows.every((r) => r.ws === DEMO.workspaceId)).toBe(true);
	});

	it('gives a client only their own company rows', async () => {
		const services = await seed(testServices());
		const { casey, oscar } = await scopes(services);
		const caseyProjects = await services.db
			.select({ id: projects.id })
			.from(projects)
			.where(clientScope(projects, casey));
		const northwind = await services.db
			.select({ id: projects.id })
			.from(projects)
			.where(eq(projects.clientId, DEMO.northwindId));
		expect(caseyProjects.map((r) => r.id).sort()).toEqual(northwind.map((r) => r.id).sort());
		expect(caseyProjects.map((r) => r.id)).toEqual(
			expect.arrayContaining([DEMO.brandProjectId, DEMO.websiteProjectId])
		);
		expect(caseyProjects.map((r) => r.id)).not.toContain(DEMO.globexProjectId);
		const oscarTasks = await services.db
			.select({ clientId: tasks.clientId })
			.from(tasks)
			.where(clientScope(tasks, oscar));
		expect(oscarTasks.length).toBeGreaterThan(0);
		expect(oscarTasks.every((t) => t.clientId === DEMO.globexId)).toBe(true);
	});

	it('cannot be widened by asking for another client explicitly', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		const stolen = await services.db
			.select()
			.from(projects)
			.where(and(clientScope(projects, casey), eq(projects.id, DEMO.globexProjectId)));
		expect(stolen).toEqual([]);
		const other = await services.db
			.select()
			.from(clients)
			.where(and(clientScope(clients, casey, clients.id), eq(clients.id, DEMO.globexId)));
		expect(other).toEqual([]);
	});

	it('refuses anonymous visitors and clients on staff-only tables', async () => {
		const services = await seed(testServices());
		const { anonymousDemo, casey } = await scopes(services);
		expect(() => clientScope(projects, anonymousDemo)).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
		expect(() => staffScope(clients, casey)).toThrow(expect.objectContaining({ code: 'forbidden' }));
	});

	it('keeps staff of one workspace out of another', async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		const rows = await services.db
			.select({ ws: projects.workspaceId })
			.from(projects)
			.where(clientScope(projects, acmeOwner));
		expect(rows.map((r) => r.ws)).toEqual([ACME.workspaceId]);
	});

	it('has workspaceId on every tenant table, and clientId on every client-owned one', () => {
		// Tables that are global by design. A person's second factors and WebAuthn challenges belong to the
		// person (users), serve every workspace they are in, and are only read by user id (or session).
		const global = new Set([
			'workspaces',
			'users',
			'rate_limits',
			'login_token_uses',
			'webhook_events',
			'email_log',
			'passkeys',
			'totp_factors',
			'recovery_codes',
			'webauthn_challenges'
		]);
		// Workspace-level tables (no single client).
		const workspaceLevel = new Set([
			'memberships',
			'clients',
			'sessions',
			'contract_templates',
			'intake_forms',
			'leads',
			'activity',
			'number_sequences',
			'quote_items',
			'invoice_items',
			'contract_signatures',
			'contract_events',
			'thread_reads',
			'tax_rates'
		]);
		for (const value of Object.values(schema)) {
			if (!isTable(value)) continue;
			const name = getTableName(value);
			const columns = getTableColumns(value);
			if (global.has(name)) continue;
			expect(columns, `${name} needs workspaceId`).toHaveProperty('workspaceId');
			if (!workspaceLevel.has(name))
				expect(columns, `${name} is client-owned and needs clientId`).toHaveProperty('clientId');
		}
	});
});
