import { pageFrom } from '$domain/pagination';
import { listQuotes, QUOTE_STATUSES } from '$domain/quotes/list-quotes';
import type { QuoteStatus } from '$domain/quotes/quote-status';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const param = url.searchParams.get('status');
	const status = QUOTE_STATUSES.includes(param as QuoteStatus) ? (param as QuoteStatus) : undefined;
	return { quotes: await loadOrError(() => listQuotes({ ...scope, page: pageFrom(url.searchParams), status })), status: status ?? '' };
};
