import { fillPlaceholders, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from './db';

type Compiled = { parts: string[]; params: unknown[] };

/**
 * A read whose SQL drizzle would build identically on every request, built once per isolate:
 * the builder runs once with placeholders, and each request only binds its values. For large
 * statements on hot paths: the portal's attention counts (eight counting subqueries) cost about
 * 2 ms of drizzle query building on every portal page, against microseconds to bind.
 *
 * The result is a raw read (rows as arrays, in the select's column order) that `db.batch` takes
 * like any other statement. The SQL text does not depend on the D1 client, so one isolate-wide
 * copy serves every request's session handle.
 */
export function compiledRead<V extends Record<string, unknown>>(
	build: (
		db: Db,
		value: <K extends keyof V & string>(name: K) => Placeholder<K, V[K]>
	) => { toSQL(): { sql: string; params: unknown[] } }
) {
	let compiled: Compiled | undefined;
	return (db: Db, values: V) => {
		compiled ??= compile(build(db, (name) => sql.placeholder(name)).toSQL());
		const bound = fillPlaceholders(compiled.params, values);
		const chunks: SQL[] = [];
		compiled.parts.forEach((part, i) => {
			chunks.push(sql.raw(part));
			if (i < bound.length) chunks.push(sql`${bound[i]}`);
		});
		return db.values<unknown[]>(sql.join(chunks));
	};
}

function compile(query: { sql: string; params: unknown[] }): Compiled {
	const parts = query.sql.split('?');
	// Every '?' must be a parameter marker (drizzle binds every value): a literal '?' would shift them.
	if (parts.length !== query.params.length + 1)
		throw new Error(`compiledRead: ${parts.length - 1} markers for ${query.params.length} parameters`);
	return { parts, params: query.params };
}
