import { getTableColumns } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

export function createDb(d1: D1Database): Db {
	const db = drizzle(d1, { schema, casing: 'snake_case' });
	db.batch = ((queries: BatchableQuery[]) => safeBatch(d1, queries)) as unknown as Db['batch'];
	return db as Db;
}

type PreparedLike = {
	getQuery(): { sql: string; params: unknown[] };
	mapResult(result: unknown, isFromBatch: boolean): unknown;
};
type BatchableQuery = { _prepare(): PreparedLike };

/**
 * drizzle's D1 batch maps each row from an object keyed by column name, so a
 * join whose tables share a column name (id, workspace_id...) silently shifts
 * values. Wrapping every SELECT as `select * from (...)` makes SQLite give the
 * duplicates unique names (id, id:1) in the same order, and the mapping is right
 * again. Otherwise this is drizzle's own batch (one round trip, atomic).
 */
async function safeBatch(d1: D1Database, queries: BatchableQuery[]) {
	const prepared = queries.map((q) => q._prepare());
	const statements = prepared.map((p) => {
		const { sql, params } = p.getQuery();
		const text = /^\s*(select|with)\b/i.test(sql) ? `select * from (${sql})` : sql;
		return d1.prepare(text).bind(...params);
	});
	const results = await d1.batch(statements);
	return results.map((result, i) => prepared[i].mapResult(result, true));
}

/** Whether a D1 error is a UNIQUE constraint violation (used for idempotent inserts). */
export function isUniqueViolation(error: unknown): boolean {
	const text = String((error as { cause?: unknown })?.cause ?? '') + String((error as Error)?.message ?? '');
	return /UNIQUE constraint failed/i.test(text);
}

/** D1 allows at most 100 bound parameters per statement. */
export const D1_MAX_PARAMS = 100;

/**
 * Multi-row inserts split so each statement stays under D1's parameter limit.
 * Returns the statements, to be run in one db.batch (one round trip, atomic).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function insertChunks<T extends import('drizzle-orm/sqlite-core').SQLiteTable>(db: Db, table: T, rows: T['$inferInsert'][]): any[] {
	if (rows.length === 0) return [];
	// drizzle binds every column of the table (defaults included), not just the keys given.
	const columns = Math.max(1, Object.keys(getTableColumns(table)).length, ...rows.map((r) => Object.keys(r).length));
	const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
	const out = [];
	for (let i = 0; i < rows.length; i += perStatement) out.push(db.insert(table).values(rows.slice(i, i + perStatement)));
	return out;
}
