import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients } from '../../db/schema';
import { DEMO, seed, testServices } from '../../tests/helpers';
import { compiledRead, type Value } from './compiled-read';
import { withD1Metrics } from './d1-metrics';
import { createReadBatcher } from './read-batcher';

const clientNamed = compiledRead((db, value: Value<{ workspaceId: string; id: string }>) =>
	db
		.select({ id: clients.id, name: clients.name })
		.from(clients)
		.where(and(eq(clients.workspaceId, value('workspaceId')), eq(clients.id, value('id'))))
);

describe('the read batcher', () => {
	it('sends a compiled read that two loads ask for with the same values once, and gives each its own rows', async () => {
		const { db } = await seed(testServices());
		const reads = createReadBatcher(db);
		const metrics = { roundTrips: 0, statements: 0 };
		const same = { workspaceId: DEMO.workspaceId, id: DEMO.northwindId };
		const [[a], [b], [c]] = await withD1Metrics(metrics, () =>
			Promise.all([
				reads.batch([clientNamed(db, same)]),
				reads.batch([clientNamed(db, { ...same })]),
				reads.batch([clientNamed(db, { ...same, id: DEMO.globexId })])
			])
		);
		expect(metrics).toEqual({ roundTrips: 1, statements: 2 });
		expect(a).toEqual([{ id: DEMO.northwindId, name: 'Northwind Traders' }]);
		expect(b).toEqual(a);
		expect(c).toEqual([{ id: DEMO.globexId, name: expect.any(String) }]);
		// A copy, not the same array: one caller changing its rows does not change another's.
		(a as { name: string }[])[0].name = 'changed';
		expect((b as { name: string }[])[0].name).toBe('Northwind Traders');
	});

	it('takes reads only, compiled or built', async () => {
		const { db } = await seed(testServices());
		const reads = createReadBatcher(db);
		expect(() => reads.batch([db.delete(clients).where(eq(clients.id, 'cli_none'))] as never)).toThrow(
			'select queries only'
		);
		const write = compiledRead((db, value: Value<{ id: string }>) =>
			db.delete(clients).where(eq(clients.id, value('id')))
		);
		expect(() => reads.batch([write(db, { id: 'cli_none' })] as never)).toThrow('select queries only');
	});
});
