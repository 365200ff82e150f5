import { listQuotes } from '$domain/quotes/list-quotes';
import { clientScope, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return { quotes: await loadOrError(() => listQuotes({ ...scope, input: url.searchParams })) };
};
