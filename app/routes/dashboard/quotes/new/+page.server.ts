import { redirect } from '@sveltejs/kit';
import { createQuote } from '$domain/quotes/create-quote';
import { quoteFormOptions } from '$domain/quotes/quote-form-options';
import { withAnotherLine } from '$domain/line-item-rows';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const options = await loadOrError(() => quoteFormOptions(scope));
	return { options, initial: { clientId: url.searchParams.get('clientId') ?? '', currency: options.defaultCurrency } };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// "Add a line" without JavaScript: show the form again with one more row, saving nothing.
		if (values.intent === 'addLine') return { values: withAnotherLine(values) };
		return actionOrFail(async () => {
			const { id } = await createQuote({ ...scope, input: values });
			redirect(303, `/quotes/${id}`);
		}, values);
	}
};
