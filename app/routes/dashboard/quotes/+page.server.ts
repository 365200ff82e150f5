import { QUOTE_STATUSES, type QuoteStatus } from '$db/schema';
import { pageFrom } from '$domain/pagination';
import { listQuotes } from '$domain/quotes/list-quotes';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const param = url.searchParams.get('status');
	const status = QUOTE_STATUSES.includes(param as QuoteStatus) ? (param as QuoteStatus) : undefined;
	return { quotes: await loadOrError(() => listQuotes({ ...scope, page: pageFrom(url.searchParams), status })), status: status ?? '' };
};
