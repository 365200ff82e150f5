import { fillPlaceholders, is, sql, type Placeholder } from 'drizzle-orm';
import { SQLiteSelectBase } from 'drizzle-orm/sqlite-core';
import type { RunnableQuery } from 'drizzle-orm/runnable-query';
import type { Db } from './db';
import type { MappedSelect } from './row-mapping';

/** What drizzle's `_prepare()` gives the batch (services/db.ts safeBatch): the SQL and the row mapping. */
type Prepared = {
	getQuery(): { sql: string; params: unknown[] };
	mapResult(result: unknown, isFromBatch: boolean): unknown;
};
/** A named placeholder for a request's value; write the values' type on the builder's `value` parameter. */
export type Value<V> = <K extends keyof V & string>(name: K) => Placeholder<K, V[K]>;

/**
 * A read whose SQL drizzle would build identically on every request, built once per isolate:
 * the builder runs once with placeholders, and each request only binds its values. Drizzle's
 * query building (walking the select, the joins and the conditions, and naming every column) is
 * the largest part of a portal page's CPU (bench/PROFILE.md); binding costs microseconds.
 *
 * The statement is what the builder was: `db.batch` takes it with other statements and returns
 * its rows mapped by drizzle's own mapping (field names, nested joins, column decoders), and
 * `await` runs it alone. The SQL text and the mapping do not depend on the D1 client, so one
 * isolate-wide copy serves every request's session handle.
 */
export function compiledRead<V extends Record<string, unknown>, T>(
	build: (db: Db, value: Value<V>) => RunnableQuery<T, 'sqlite'>
): (db: Db, values: V) => CompiledStatement<T> {
	let compiled: Prepared | undefined;
	let isSelect = false;
	const id = ++compiledReads;
	return (db, values) => {
		if (!compiled) {
			const built = build(db, (name) => sql.placeholder(name));
			isSelect = is(built, SQLiteSelectBase);
			// `_prepare` is what drizzle's batch calls on every builder; it is internal to drizzle's types only.
			compiled = (built as unknown as { _prepare(): Prepared })._prepare();
		}
		return new CompiledStatement<T>(db, compiled, values, { id, isSelect });
	};
}

let compiledReads = 0;

export class CompiledStatement<T> implements RunnableQuery<T, 'sqlite'>, PromiseLike<T> {
	declare readonly _: { readonly dialect: 'sqlite'; readonly result: T };

	constructor(
		private readonly db: Db,
		private readonly compiled: Prepared,
		private readonly values: Record<string, unknown>,
		/** Which compiled read made it, and whether it is a SELECT (services.reads takes only those). */
		readonly origin: { id: number; isSelect: boolean }
	) {}

	/** Equal for two statements of the same compiled read with the same values: the same rows, whoever asks. */
	sameReadKey(): string {
		return `${this.origin.id}:${JSON.stringify(this.values)}`;
	}

	/** The batch's side of drizzle's protocol: this request's values in the isolate's SQL. */
	_prepare(): Prepared {
		const { compiled, values } = this;
		const { sql: text, params } = compiled.getQuery();
		const query = { sql: text, params: fillPlaceholders(params, values) };
		// The same fields every request: the batch's row mapping (row-mapping.ts) is planned once per isolate.
		const { executeMethod, fields, joinsNotNullableMap, customResultMapper } = compiled as Prepared & MappedSelect;
		return {
			executeMethod,
			fields,
			joinsNotNullableMap,
			customResultMapper,
			getQuery: () => query,
			mapResult: (result, fromBatch) => compiled.mapResult(result, fromBatch)
		} as Prepared;
	}

	then<A = T, B = never>(
		onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
		onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null
	): PromiseLike<A | B> {
		return this.db
			.batch([this])
			.then(([rows]) => rows as T)
			.then(onfulfilled, onrejected);
	}
}
