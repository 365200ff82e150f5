import { and, eq, inArray } from 'drizzle-orm';
import { clients, quotes } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

type QuoteStatus = typeof quotes.$inferSelect.status;

/**
 * The signed-in client's quote, with their client's name, for a client answer (decline, ask for
 * changes): not found unless its stored status is one of `statuses`.
 */
export async function findClientQuote(opts: Scope & { quoteId: string }, statuses: QuoteStatus[]) {
	const found = await opts.services.db
		.select({ quote: quotes, clientName: clients.name })
		.from(quotes)
		.innerJoin(clients, eq(clients.id, quotes.clientId))
		.where(and(clientScope(quotes, opts), eq(quotes.id, opts.quoteId), inArray(quotes.status, statuses)))
		.get();
	if (!found) throw notFound('That quote');
	return found;
}
