import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientContacts, clients, workspaces } from '../../db/schema';
import type { Db } from './db';
import { DEMO, seed, testServices } from '../../tests/helpers';
import { compiledRead, type Value } from './compiled-read';

describe('compiledRead', () => {
	it('binds each call its own values, in one batch with other statements, matching what drizzle builds', async () => {
		const { db } = await seed(testServices());
		let builds = 0;
		const clientNamed = compiledRead((db, value: Value<{ workspaceId: string; name: string }>) => {
			builds++;
			return db
				.select({ id: clients.id, name: clients.name })
				.from(clients)
				.where(and(eq(clients.workspaceId, value('workspaceId')), eq(clients.name, value('name'))))
				.limit(1);
		});
		const [northwind, other, built] = await db.batch([
			clientNamed(db, { workspaceId: DEMO.workspaceId, name: 'Northwind Traders' }),
			clientNamed(db, { workspaceId: 'ws_nobody', name: 'Northwind Traders' }),
			db
				.select({ id: clients.id, name: clients.name })
				.from(clients)
				.where(and(eq(clients.workspaceId, DEMO.workspaceId), eq(clients.name, 'Northwind Traders')))
				.limit(1)
		]);
		expect(northwind).toEqual([{ id: DEMO.northwindId, name: 'Northwind Traders' }]);
		expect(other).toEqual([]);
		expect(northwind).toEqual(built);
		expect(builds).toBe(1);
		// Awaited alone, it is one statement of its own.
		expect(await clientNamed(db, { workspaceId: DEMO.workspaceId, name: 'Northwind Traders' })).toEqual(built);
	});

	it('maps joins and decodes columns as drizzle does: nested objects, booleans, JSON, nullable joined tables', async () => {
		const { db } = await seed(testServices());
		const build = (db: Db, workspaceId: unknown) =>
			db
				.select({ client: clients, workspace: workspaces, contact: clientContacts })
				.from(clients)
				.innerJoin(workspaces, eq(workspaces.id, clients.workspaceId))
				.leftJoin(clientContacts, and(eq(clientContacts.clientId, clients.id), sql`0`))
				.where(eq(clients.workspaceId, workspaceId as string))
				.orderBy(clients.id);
		const compiled = compiledRead((db, value: Value<{ workspaceId: string }>) => build(db, value('workspaceId')));
		const [fromCompiled, fromDrizzle] = await db.batch([
			compiled(db, { workspaceId: DEMO.workspaceId }),
			build(db, DEMO.workspaceId)
		]);
		expect(fromCompiled.length).toBeGreaterThan(1);
		expect(fromCompiled).toEqual(fromDrizzle);
		expect(fromCompiled[0].contact).toBeNull();
		expect(typeof fromCompiled[0].workspace.requireSecondFactor).toBe('boolean');
	});
});
