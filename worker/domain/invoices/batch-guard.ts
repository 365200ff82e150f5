import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../services/db';

/**
 * D1 has no interactive transactions, but a db.batch is atomic: if one statement
 * fails, the whole batch rolls back. `failBatchWhen` is a statement that fails
 * (SQLite raises "malformed JSON") exactly when `condition` holds at that point
 * of the batch, so a batch can re-check what it read before (an invoice is still
 * a draft, the time entries are still unbilled) and undo itself if not.
 * random() keeps SQLite from evaluating the failing expression ahead of time.
 */
export function failBatchWhen(db: Db, condition: SQL) {
	return db.run(sql`SELECT json('batch guard ' || random()) WHERE ${condition}`);
}

/** Whether an error is a failBatchWhen guard firing (the batch was rolled back). */
export function isGuardFailure(error: unknown): boolean {
	const text = String((error as { cause?: unknown })?.cause ?? '') + String((error as Error)?.message ?? '');
	return /malformed JSON/i.test(text);
}
