import { is } from 'drizzle-orm';
import { SQLiteSelectBase } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';
import { CompiledStatement } from './compiled-read';

type Query = Parameters<Db['batch']>[0][number];
type Pending = { queries: Query[]; resolve: (results: unknown[]) => void; reject: (error: unknown) => void };

/**
 * One request's reads that are asked for in the same turn share one D1 round trip.
 * SvelteKit starts a page's load and its layouts' loads together (each in its own
 * microtask, before any of them awaits), so a project tab's layout (the project
 * header) and its page (the tab's content) each call `batch` and one D1 batch carries
 * both (a compiled read both ask for with the same values is sent once). Reads only (a batch is one transaction: writes must not be joined to someone
 * else's); if the joined batch fails, each caller's batch is sent on its own, so each
 * gets its own answer or error. Built per request (buildServices): requests never share one.
 */
export function createReadBatcher(db: Db): { batch: Db['batch'] } {
	let pending: Pending[] = [];

	async function flush() {
		const group = pending;
		pending = [];
		if (group.length === 1) return settle(group[0]);
		const all = group.flatMap((p) => p.queries);
		const { unique, sourceOf } = withoutRepeats(all);
		let results: unknown[];
		try {
			results = await db.batch(unique as [Query, ...Query[]]);
		} catch {
			// Someone's read failed: send each alone, so the error reaches only its caller.
			for (const p of group) settle(p);
			return;
		}
		const seen = new Set<number>();
		const resultOf = (i: number) => {
			const source = sourceOf[i];
			// A repeated read gets its own copy: callers may change the rows they are given.
			if (seen.has(source)) return structuredClone(results[source]);
			seen.add(source);
			return results[source];
		};
		let at = 0;
		for (const p of group) {
			p.resolve(p.queries.map((_, j) => resultOf(at + j)));
			at += p.queries.length;
		}
	}

	function settle(p: Pending) {
		db.batch(p.queries as [Query, ...Query[]]).then(p.resolve, p.reject);
	}

	const batch = (queries: Query[]) => {
		for (const q of queries) assertRead(q);
		return new Promise<unknown[]>((resolve, reject) => {
			pending.push({ queries, resolve, reject });
			if (pending.length === 1) queueMicrotask(() => void flush());
		});
	};
	return { batch: batch as unknown as Db['batch'] };
}

function assertRead(query: Query) {
	const read = query instanceof CompiledStatement ? query.origin.isSelect : is(query, SQLiteSelectBase);
	if (!read) throw new Error('services.reads.batch takes select queries only');
}

/**
 * The same compiled read with the same values, asked for by two loads of one page (a project
 * tab's header and its content both read the project), is sent once.
 */
function withoutRepeats(all: Query[]): { unique: Query[]; sourceOf: number[] } {
	const unique: Query[] = [];
	const sourceOf: number[] = [];
	const byKey = new Map<string, number>();
	for (const query of all) {
		const key = query instanceof CompiledStatement ? query.sameReadKey() : undefined;
		const known = key === undefined ? undefined : byKey.get(key);
		if (known !== undefined) {
			sourceOf.push(known);
			continue;
		}
		if (key !== undefined) byKey.set(key, unique.length);
		sourceOf.push(unique.length);
		unique.push(query);
	}
	return { unique, sourceOf };
}
