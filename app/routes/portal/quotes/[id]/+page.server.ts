import { redirect } from '@sveltejs/kit';
import { openProposal } from '$domain/proposals/open-proposal';
import { acceptQuote } from '$domain/quotes/accept-quote';
import { declineQuote } from '$domain/quotes/decline-quote';
import { quoteAmountsFor } from '$domain/quotes/quote-totals';
import { requestQuoteChanges } from '$domain/quotes/request-quote-changes';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params, request }) => {
	const scope = clientScope(locals, url);
	// "Recalculate" (the no-JavaScript way to see the total for the ticked options) reloads with ?option=...
	const recalculating = url.searchParams.has('recalculate');
	// Opening the page counts as a view; re-rendering after a form post or a recalculation does not.
	const { detail, proposal } = await loadOrError(() =>
		openProposal({ ...scope, quoteId: params.id, countView: request.method === 'GET' && !recalculating })
	);
	const chosen = url.searchParams.getAll('options').filter((id) => detail.items.some((i) => i.optional && i.id === id));
	return {
		detail,
		proposal,
		chosen,
		preview: recalculating ? quoteAmountsFor(detail.quote, detail.items, chosen) : null
	};
};

export const actions = {
	accept: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { projectId, contractId, invoiceId, nextPath } = await acceptQuote({
				...scope,
				quoteId: params.id,
				input: values
			});
			// A proposal goes straight on to signing and paying, on the same path.
			if (contractId || invoiceId) redirect(303, nextPath);
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
