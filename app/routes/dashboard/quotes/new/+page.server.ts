import { lineItemsAction } from '$lib/server/line-items-action';
import { createQuote } from '$domain/quotes/create-quote';
import { quoteFormOptions } from '$domain/quotes/quote-form-options';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const options = await loadOrError(() => quoteFormOptions(scope));
	return { options, initial: { clientId: url.searchParams.get('clientId') ?? '', currency: options.defaultCurrency } };
};

export const actions = {
	default: lineItemsAction(
		async ({ scope, values }) => `/quotes/${(await createQuote({ ...scope, input: values })).id}`
	)
};
