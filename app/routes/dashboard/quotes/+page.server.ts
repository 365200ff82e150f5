import { pageFrom } from '$domain/pagination';
import { listQuotes } from '$domain/quotes/list-quotes';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const quotes = await loadOrError(() =>
		listQuotes({ ...scope, page: pageFrom(url.searchParams), status: url.searchParams.get('status') })
	);
	return { quotes, status: quotes.status ?? '' };
};
