import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { drizzle, DrizzleD1Database, SQLiteD1Session } from 'drizzle-orm/d1';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../db/schema';
import { countingD1 } from './d1-metrics';
import { mapSelectRows, type MappedSelect } from './row-mapping';

/** What the handle talks to: a D1 binding, or one of its sessions (read replication). */
export type D1Client = Pick<D1Database, 'prepare' | 'batch'>;

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Client };

export function createDb(d1: D1Database): Db {
	const db = drizzle(d1, { schema, casing: 'snake_case' });
	db.batch = ((queries: BatchableQuery[]) => safeBatch(d1, queries)) as unknown as Db['batch'];
	return db as Db;
}

/**
 * Where a request's reads go (D1 read replication, the Sessions API):
 *  - `primary`: `withSession('first-primary')`: the first query reads the primary, so a
 *    status read before a guarded write, a token, a payment or a webhook is never stale;
 *  - `nearest`: the nearest replica, but never older than `bookmark` (the client's last
 *    write, carried in a cookie) when there is one: `withSession(bookmark ?? 'first-unconstrained')`.
 * Writes always go to the primary, and later reads of the same session see them.
 */
export type ReadPlacement = { kind: 'primary' } | { kind: 'nearest'; bookmark: string | null };

/** The argument given to `withSession` for a placement. */
export function sessionConstraint(placement: ReadPlacement): string {
	if (placement.kind === 'primary') return 'first-primary';
	return placement.bookmark ?? 'first-unconstrained';
}

/** A D1 session handle: the drizzle handle of this request, and the session's bookmark after its queries. */
export type DbSession = {
	db: Db;
	/** What `withSession` was given: 'first-primary', 'first-unconstrained' or 'bookmark'. */
	constraint: 'first-primary' | 'first-unconstrained' | 'bookmark';
	/** The newest bookmark this request's queries saw (null before the first query). */
	bookmark(): string | null;
};

// Shared by every session handle of the isolate: drizzle derives its relational config from the
// whole schema and caches column names per dialect, which cost more CPU per request than building
// the queries did (bench/PROFILE.md), so only the session and the handle are per request.
let shared: { dialect: SQLiteAsyncDialect; relational: ConstructorParameters<typeof SQLiteD1Session>[2] } | undefined;

/**
 * The handle of one request on a D1 session: cheap (two small objects per request), the
 * schema's relational config and the dialect are built once per isolate.
 */
export function sessionDb(d1: D1Database, placement: ReadPlacement, opts: { counting: boolean }): DbSession {
	const argument = sessionConstraint(placement);
	const session = d1.withSession(argument);
	const client = (opts.counting ? countingD1(session as unknown as D1Database) : session) as unknown as D1Database;
	if (!shared) {
		const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
		shared = {
			dialect: new SQLiteAsyncDialect({ casing: 'snake_case' }),
			relational: { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap }
		};
	}
	const drizzleSession = new SQLiteD1Session(client, shared.dialect, shared.relational, {});
	const db = new DrizzleD1Database(
		'async',
		shared.dialect,
		drizzleSession as never,
		shared.relational as never
	) as unknown as Db;
	db.$client = client;
	db.batch = ((queries: BatchableQuery[]) => safeBatch(client, queries)) as unknown as Db['batch'];
	return {
		db,
		constraint:
			placement.kind === 'primary' ? 'first-primary' : placement.bookmark ? 'bookmark' : 'first-unconstrained',
		bookmark: () => session.getBookmark()
	};
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
 * again. Otherwise this is drizzle's own batch (one round trip, atomic), with select rows
 * mapped by a plan made once per statement (row-mapping.ts) rather than drizzle's per-cell checks.
 */
async function safeBatch(d1: D1Client, queries: BatchableQuery[]) {
	const prepared = queries.map((q) => q._prepare());
	const statements = prepared.map((p) => {
		const { sql, params } = p.getQuery();
		const text = /^\s*(select|with)\b/i.test(sql) ? `select * from (${sql})` : sql;
		return d1.prepare(text).bind(...params);
	});
	const results = await d1.batch(statements);
	return results.map(
		(result, i) =>
			mapSelectRows(prepared[i] as MappedSelect, result.results as Record<string, unknown>[]) ??
			prepared[i].mapResult(result, true)
	);
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
export function insertChunks<T extends import('drizzle-orm/sqlite-core').SQLiteTable>(
	db: Db,
	table: T,
	rows: T['$inferInsert'][]
): any[] {
	if (rows.length === 0) return [];
	// drizzle binds every column of the table (defaults included), not just the keys given.
	const columns = Math.max(1, Object.keys(getTableColumns(table)).length, ...rows.map((r) => Object.keys(r).length));
	const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMS / columns));
	const out = [];
	for (let i = 0; i < rows.length; i += perStatement)
		out.push(db.insert(table).values(rows.slice(i, i + perStatement)));
	return out;
}

/**
 * `INSERT INTO table (...) SELECT <row> WHERE <condition>`: the row is inserted
 * only if the condition holds when the statement runs. Inside a db.batch this
 * makes the inserts that follow a conditional UPDATE happen exactly when that
 * UPDATE did (D1 has no interactive transactions to branch in).
 */
export function insertWhere<T extends SQLiteTable>(
	db: Db,
	table: T,
	row: { [K in keyof T['$inferInsert']]: T['$inferInsert'][K] | SQL },
	condition: SQL
) {
	const values = Object.entries(getTableColumns(table))
		// drizzle leaves out columns it never inserts (generated ones); so must we, to keep the column order.
		.filter(([, column]) => !(column as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert())
		.map(([key, column]) => {
			const value = (row as Record<string, unknown>)[key];
			if (value !== undefined) return is(value, SQL) ? value : sql.param(value, column);
			if (column.default !== undefined && column.default !== null)
				return is(column.default, SQL) ? column.default : sql.param(column.default, column);
			if (column.defaultFn) return sql.param(column.defaultFn(), column);
			return sql`null`;
		});
	return db.insert(table).select(sql`select ${sql.join(values, sql`, `)} where ${condition}`);
}
