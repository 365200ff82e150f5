import { and, eq, inArray } from 'drizzle-orm';
import { clients, quotes } from '../../../db/schema';
import { todayIn } from '../calendar';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { effectiveQuoteStatus } from './quote-status';

type QuoteStatus = typeof quotes.$inferSelect.status;

/**
 * The signed-in client's quote, with their client's name, for a client answer (decline, ask for
 * changes): not found unless its stored status is one of `statuses`. `status` is what it is
 * `today` in the workspace's zone at `now` (an open offer past its expiry date is expired).
 */
export async function findClientQuote(opts: Scope & { quoteId: string }, statuses: QuoteStatus[], now: number) {
	const found = await opts.services.db
		.select({ quote: quotes, clientName: clients.name })
		.from(quotes)
		.innerJoin(clients, eq(clients.id, quotes.clientId))
		.where(and(clientScope(quotes, opts), eq(quotes.id, opts.quoteId), inArray(quotes.status, statuses)))
		.get();
	if (!found) throw notFound('That quote');
	const today = todayIn(opts.workspace.timezone, now);
	return { ...found, status: effectiveQuoteStatus(found.quote, today), today };
}
