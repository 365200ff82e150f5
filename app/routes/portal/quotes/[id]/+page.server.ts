import { acceptQuote } from '$domain/quotes/accept-quote';
import { declineQuote } from '$domain/quotes/decline-quote';
import { getQuote } from '$domain/quotes/get-quote';
import { requestQuoteChanges } from '$domain/quotes/request-quote-changes';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params, request }) => {
	const scope = clientScope(locals, url);
	// Opening the page counts as a view; re-rendering after a form post does not.
	return { detail: await loadOrError(() => getQuote({ ...scope, quoteId: params.id, countView: request.method === 'GET' })) };
};

export const actions = {
	accept: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { projectId } = await acceptQuote({ ...scope, quoteId: params.id, input: values });
			return { accepted: true, projectId };
		}, values);
	},
	changes: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await requestQuoteChanges({ ...scope, quoteId: params.id, input: values });
			return { changesRequested: true };
		}, values);
	},
	decline: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await declineQuote({ ...scope, quoteId: params.id, input: values });
			return { declined: true };
		}, values);
	}
};
