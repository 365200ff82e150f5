import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientContacts, clients, projects } from '../../db/schema';
import { DEMO, seed, testServices } from '../../tests/helpers';

describe('db.batch', () => {
	it('maps joined rows correctly when the joined tables share column names', async () => {
		const { db } = await seed(testServices());
		const joined = db
			.select({ contact: clientContacts, client: clients })
			.from(clientContacts)
			.innerJoin(clients, eq(clients.id, clientContacts.clientId))
			.where(eq(clientContacts.id, DEMO.caseyContactId));
		const [rows, projectRows] = await db.batch([
			joined,
			db.select().from(projects).where(eq(projects.id, DEMO.websiteProjectId))
		]);
		expect(rows).toHaveLength(1);
		expect(rows[0].contact).toMatchObject({
			id: DEMO.caseyContactId,
			email: DEMO.caseyEmail,
			clientId: DEMO.northwindId
		});
		expect(rows[0].client).toMatchObject({
			id: DEMO.northwindId,
			name: 'Northwind Traders',
			workspaceId: DEMO.workspaceId
		});
		expect(projectRows[0]).toMatchObject({ id: DEMO.websiteProjectId, name: 'Website redesign' });
	});

	it('keeps the ORDER BY of a batched select', async () => {
		const { db } = await seed(testServices());
		const [all, page] = await db.batch([
			db.select({ id: projects.id }).from(projects).orderBy(projects.id),
			db.select({ id: projects.id }).from(projects).orderBy(projects.id).limit(2).offset(1)
		]);
		const ids = all.map((r) => r.id);
		expect(ids).toEqual([...ids].sort());
		expect(page.map((r) => r.id)).toEqual(ids.slice(1, 3));
	});
});

describe('insertChunks', () => {
	it('stays under the 100-parameter limit counting columns with defaults', async () => {
		const { db } = testServices();
		const { insertChunks } = await import('./db');
		const { workspaces, rateLimits } = await import('../../db/schema');
		await db.insert(workspaces).values({ id: 'ws_x', slug: 'x', name: 'X', createdAt: 1, updatedAt: 1 });
		// rate_limits has 3 columns; many rows of only the required keys.
		const rows = Array.from({ length: 250 }, (_, i) => ({ key: `k${i}`, windowStart: 1, count: 1 }));
		const statements = insertChunks(db, rateLimits, rows);
		await db.batch(statements as [never]);
		expect((await db.select().from(rateLimits)).length).toBe(250);
		// projects-like wide table with omitted defaulted columns
		const { projects, clients } = await import('../../db/schema');
		await db.insert(clients).values({ id: 'c1', workspaceId: 'ws_x', name: 'C', createdAt: 1, updatedAt: 1 });
		const many = Array.from({ length: 40 }, (_, i) => ({
			id: `p${i}`,
			workspaceId: 'ws_x',
			clientId: 'c1',
			name: `P${i}`,
			createdAt: 1,
			updatedAt: 1
		}));
		await db.batch(insertChunks(db, projects, many) as [never]);
		expect((await db.select().from(projects)).length).toBe(40);
	});
});
