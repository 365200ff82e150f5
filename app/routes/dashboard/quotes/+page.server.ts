import { listQuotes } from '$domain/quotes/list-quotes';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const quotes = await loadOrError(() => listQuotes({ ...scope, input: url.searchParams }));
	return { quotes, status: quotes.status ?? '' };
};
