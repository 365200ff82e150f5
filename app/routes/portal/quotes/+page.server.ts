import { listQuotes } from '$domain/quotes/list-quotes';
import { clientScope, loadOrError } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url }) => {
	const scope = clientScope(locals, url);
	return renderedOnServer(
		{ isDataRequest },
		{ quotes: await loadOrError(() => listQuotes({ ...scope, input: url.searchParams })) }
	);
};
