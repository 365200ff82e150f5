import { listQuotes } from '$domain/quotes/list-quotes';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return {
		quotes: await loadOrError(() => listQuotes({ ...scope, input: url.searchParams, clientId: params.id }))
	};
};
