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
		const [rows, projectRows] = await db.batch([joined, db.select().from(projects).where(eq(projects.id, DEMO.websiteProjectId))]);
		expect(rows).toHaveLength(1);
		expect(rows[0].contact).toMatchObject({ id: DEMO.caseyContactId, email: DEMO.caseyEmail, clientId: DEMO.northwindId });
		expect(rows[0].client).toMatchObject({ id: DEMO.northwindId, name: 'Northwind Traders', workspaceId: DEMO.workspaceId });
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
