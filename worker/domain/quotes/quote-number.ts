import { and, eq, sql } from 'drizzle-orm';
import { numberSequences } from '../../../db/schema';
import type { Db } from '../../services/db';

/**
 * Quote numbers come from number_sequences, one per workspace: a single atomic
 * upsert (`INSERT ... ON CONFLICT DO UPDATE SET last_value = last_value + 1
 * RETURNING`). `numberSql` reads the value back inside the same batch, so the
 * number and the quote that uses it commit (or roll back) together: no gaps,
 * no duplicates, even for concurrent creates.
 */
export function nextQuoteNumber(db: Db, workspaceId: string) {
	return {
		bump: db
			.insert(numberSequences)
			.values({ workspaceId, name: 'quote', lastValue: 1 })
			.onConflictDoUpdate({
				target: [numberSequences.workspaceId, numberSequences.name],
				set: { lastValue: sql`${numberSequences.lastValue} + 1` }
			})
			.returning({ value: numberSequences.lastValue }),
		numberSql: sql<number>`(${db
			.select({ v: numberSequences.lastValue })
			.from(numberSequences)
			.where(and(eq(numberSequences.workspaceId, workspaceId), eq(numberSequences.name, 'quote')))})`
	};
}
