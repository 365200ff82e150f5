import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientContacts, clients, projects, workspaces } from '../../db/schema';
import { DEMO, seed, testServices } from '../../tests/helpers';
import type { Db } from './db';
import { mapSelectRows, type MappedSelect } from './row-mapping';

type Prepared = MappedSelect & {
	getQuery(): { sql: string; params: unknown[] };
	mapResult(result: unknown, isFromBatch: boolean): unknown;
};

/** The rows D1 answers for a select in a batch (wrapped as safeBatch wraps it), and drizzle's own mapping of them. */
async function bothMappings(db: Db, query: unknown) {
	const prepared = (query as { _prepare(): Prepared })._prepare();
	const { sql: text, params } = prepared.getQuery();
	const [result] = await db.$client.batch([db.$client.prepare(`select * from (${text})`).bind(...params)]);
	const rows = result.results as Record<string, unknown>[];
	return { planned: mapSelectRows(prepared, rows), drizzle: prepared.mapResult(result, true), rows };
}

describe('row mapping planned once per statement', () => {
	it('maps every shape of select exactly as drizzle does', async () => {
		const { db } = await seed(testServices());
		const shapes = {
			'whole table (JSON and boolean columns)': db.select().from(workspaces),
			'tables as nested objects (inner join)': db
				.select({ client: clients, workspace: workspaces })
				.from(clients)
				.innerJoin(workspaces, eq(workspaces.id, clients.workspaceId)),
			'left join, some rows without a match': db
				.select({ client: clients, contact: clientContacts })
				.from(clients)
				.leftJoin(
					clientContacts,
					and(eq(clientContacts.clientId, clients.id), eq(clientContacts.email, DEMO.caseyEmail))
				),
			'left join, partial object of one table': db
				.select({ id: clients.id, contact: { name: clientContacts.name, email: clientContacts.email } })
				.from(clients)
				.leftJoin(clientContacts, and(eq(clientContacts.clientId, clients.id), sql`0`)),
			'left join, object mixing tables (never nulled)': db
				.select({ id: clients.id, mixed: { contact: clientContacts.name, client: clients.name } })
				.from(clients)
				.leftJoin(clientContacts, and(eq(clientContacts.clientId, clients.id), sql`0`)),
			'sql, decoded sql, aliases and a scalar subquery': db
				.select({
					id: projects.id,
					count: sql<number>`(select count(*) from ${clients})`.mapWith(Number),
					label: sql<string>`'project'`.as('label'),
					upper: sql<string>`upper(${projects.name})`,
					nothing: sql<null>`null`.as('nothing')
				})
				.from(projects)
		};
		for (const [name, query] of Object.entries(shapes)) {
			const { planned, drizzle, rows } = await bothMappings(db, query);
			expect(rows.length, name).toBeGreaterThan(0);
			expect(planned, name).toEqual(drizzle);
		}
	});

	it('leaves what it does not plan to drizzle: relational queries, raw SQL, writes', async () => {
		expect(mapSelectRows({ executeMethod: 'run' }, [])).toBeUndefined();
		expect(mapSelectRows({ executeMethod: 'all' }, [{ a: 1 }])).toBeUndefined();
		expect(mapSelectRows({ executeMethod: 'all', fields: [], customResultMapper: () => [] }, [])).toBeUndefined();
	});
});
