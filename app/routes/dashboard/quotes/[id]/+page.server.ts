import { getQuote } from '$domain/quotes/get-quote';
import { sendQuote } from '$domain/quotes/send-quote';
import { actionOrFail, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return { detail: await loadOrError(() => getQuote({ ...scope, quoteId: params.id })) };
};

export const actions = {
	send: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			const { sentTo, version } = await sendQuote({ ...scope, quoteId: params.id });
			return { sent: true, sentTo, version };
		});
	}
};
