import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './db';

/** Any statement that can go into a D1 batch. */
export type Statement = BatchItem<'sqlite'>;

/** Runs a list of statements built up conditionally as one D1 batch (one round trip, atomic). */
export function runBatch(db: Db, statements: Statement[]) {
	if (statements.length === 0) return Promise.resolve([]);
	return db.batch(statements as [Statement, ...Statement[]]);
}
