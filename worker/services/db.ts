import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
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
	const columns = Math.max(1, ...rows.map((r) => Object.keys(r).length));
	const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
	const out = [];
	for (let i = 0; i < rows.length; i += perStatement) out.push(db.insert(table).values(rows.slice(i, i + perStatement)));
	return out;
}

/**
 * `INSERT INTO table (...) SELECT <row> WHERE <condition>`: an insert that only
 * happens when the condition holds at write time, so it can sit in a batch
 * after a conditional UPDATE and take effect exactly when that update did.
 */
export function insertWhere<T extends SQLiteTable>(db: Db, table: T, row: T['$inferInsert'], condition: SQL) {
	const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
		const value = (row as Record<string, unknown>)[key];
		if (value === undefined) return column.default === undefined ? sql`null` : sql.param(column.default, column);
		return is(value, SQL) ? value : sql.param(value, column);
	});
	return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where ${condition}`);
}
