import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../db/schema';
import { countingD1 } from './d1-metrics';

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

const isolateDbs = { plain: new WeakMap<D1Database, Db>(), counting: new WeakMap<D1Database, Db>() };

/**
 * The database handle of a D1 binding, built once per isolate: drizzle derives its
 * relational config from the whole schema and caches column names per instance, which
 * cost more CPU per request than building the queries did. `counting` adds the
 * development/test round-trip counter (d1-metrics.ts).
 */
export function isolateDb(d1: D1Database, opts: { counting: boolean }): Db {
	const cache = opts.counting ? isolateDbs.counting : isolateDbs.plain;
	let db = cache.get(d1);
	if (!db) {
		db = createDb(opts.counting ? countingD1(d1) : d1);
		cache.set(d1, db);
	}
	return db;
}

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

/**
 * `INSERT INTO table (...) SELECT <row> WHERE <condition>`: the row is inserted
 * only if the condition holds when the statement runs. Inside a db.batch this
 * makes the inserts that follow a conditional UPDATE happen exactly when that
 * UPDATE did (D1 has no interactive transactions to branch in).
 */
export function insertWhere<T extends SQLiteTable>(db: Db, table: T, row: { [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL }, condition: SQL) {
	const values = Object.entries(getTableColumns(table))
		// drizzle leaves out columns it never inserts (generated ones); so must we, to keep the column order.
		.filter(([, column]) => !(column as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert())
		.map(([key, column]) => {
			const value = (row as Record<string, unknown>)[key];
			if (value !== undefined) return is(value, SQL) ? value : sql.param(value, column);
			if (column.default !== undefined && column.default !== null) return is(column.default, SQL) ? column.default : sql.param(column.default, column);
			if (column.defaultFn) return sql.param(column.defaultFn(), column);
			return sql`null`;
		});
	return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where ${condition}`);
}
