import { and, inArray, isNull, lt, or, gte, sql, type SQL } from 'drizzle-orm';
import { EXPIRING_STATUSES, OPEN_QUOTE_STATUS_LIST, quotes, type QuoteStatus } from '../../../db/schema';
import { QUOTE_STATUS_LABELS, quoteLabel } from './quote-labels';

// Pages and the API take the status type from here (the filterable list from list-quotes.ts), never from the schema.
export { QUOTE_STATUS_LABELS, quoteLabel, type QuoteStatus };

/**
 * The quote state machine (stored status -> what can happen next):
 *   draft -> sent (staff send)
 *   sent -> viewed (client opens it)
 *   sent | viewed -> accepted | declined (client), changes_requested (client)
 *   changes_requested | declined | expired -> sent (staff revise and resend; version + 1)
 * An open offer (sent, viewed, changes requested) past its expiry date is
 * expired even before anything stores that: `effectiveQuoteStatus` shows it,
 * accepting and declining check the date, and the cron (expire-quotes.ts) stores
 * `expired` within a minute.
 */
export const CLIENT_VISIBLE: QuoteStatus[] = ['sent', 'viewed', 'changes_requested', 'accepted', 'declined', 'expired'];
export const ACCEPTABLE: QuoteStatus[] = ['sent', 'viewed'];
/** Open offers: they expire when their date passes. */
export const EXPIRING: QuoteStatus[] = [...EXPIRING_STATUSES];
/** Statuses a client may still ask changes on: the open offers. */
export const CHANGEABLE: QuoteStatus[] = EXPIRING;
/** "Is an open offer", spelled literally like the partial index quotes_open_expires_idx so the cron's search can use it. */
export const openQuoteWhere = (): SQL => sql`${quotes.status} in ${OPEN_QUOTE_STATUS_LIST}`;
/** Stored statuses staff may edit and (re)send; a sent/viewed quote past its expiry also qualifies. */
export const REVISABLE: QuoteStatus[] = ['draft', 'changes_requested', 'declined', 'expired'];

export function isPastExpiry(expiresOn: string | null, today: string): boolean {
	return Boolean(expiresOn && expiresOn < today);
}

/** The status to show and act on: an open offer past its expiry date is expired. */
export function effectiveQuoteStatus(
	quote: { status: QuoteStatus; expiresOn: string | null },
	today: string
): QuoteStatus {
	if (EXPIRING.includes(quote.status) && isPastExpiry(quote.expiresOn, today)) return 'expired';
	return quote.status;
}

export function canRevise(quote: { status: QuoteStatus; expiresOn: string | null }, today: string): boolean {
	return REVISABLE.includes(effectiveQuoteStatus(quote, today));
}

/** SQL twin of canRevise, for conditional updates. */
export function revisableWhere(today: string): SQL {
	return or(inArray(quotes.status, REVISABLE), and(inArray(quotes.status, ACCEPTABLE), lt(quotes.expiresOn, today)))!;
}

/** SQL: the offer has not expired. */
export function notExpiredWhere(today: string): SQL {
	return or(isNull(quotes.expiresOn), gte(quotes.expiresOn, today))!;
}
