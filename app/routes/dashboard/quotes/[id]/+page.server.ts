import { getQuote } from '$domain/quotes/get-quote';
import { sendQuote } from '$domain/quotes/send-quote';
import { listRecipients } from '$domain/notifications/list-recipients';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getQuote({ ...scope, quoteId: params.id }));
	return { detail, recipients: detail.can.send ? await listRecipients({ ...scope, clientId: detail.quote.clientId }) : [] };
};

export const actions = {
	send: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { sentTo, version } = await sendQuote({ ...scope, quoteId: params.id, input: values });
			return { sent: true, sentTo, version };
		}, values);
	}
};
