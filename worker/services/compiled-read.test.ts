import { and, eq, gt, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients } from '../../db/schema';
import { DEMO, seed, testServices } from '../../tests/helpers';
import { compiledRead } from './compiled-read';

describe('compiledRead', () => {
	it('binds each call its own values, in one batch with other statements, matching what drizzle builds', async () => {
		const { db } = await seed(testServices());
		let builds = 0;
		const clientNamed = compiledRead<{ workspaceId: string; name: string }>((db, value) => {
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
		expect(northwind).toEqual([[DEMO.northwindId, 'Northwind Traders']]);
		expect(other).toEqual([]);
		expect(northwind).toEqual(built.map((r) => [r.id, r.name]));
		expect(builds).toBe(1);
	});

	it('refuses SQL whose question marks are not all parameters', async () => {
		const { db } = testServices();
		const literal = compiledRead<{ after: number }>((db, value) =>
			db
				.select({ id: clients.id })
				.from(clients)
				.where(and(sql`${clients.name} <> 'who?'`, gt(clients.createdAt, value('after'))))
		);
		expect(() => literal(db, { after: 0 })).toThrow(/markers for/);
	});
});
