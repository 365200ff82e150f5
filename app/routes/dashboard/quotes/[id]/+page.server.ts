import { openProposal } from '$domain/proposals/open-proposal';
import { sendQuote } from '$domain/quotes/send-quote';
import { quoteSendOptions } from '$domain/quotes/send-options';
import { listRecipients } from '$domain/notifications/list-recipients';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { detail, proposal } = await loadOrError(() => openProposal({ ...scope, quoteId: params.id }));
	const [sendOptions, recipients] = await Promise.all([
		detail.can.send
			? quoteSendOptions({ ...scope, clientId: detail.quote.clientId })
			: Promise.resolve({ projects: [] }),
		detail.can.send ? listRecipients({ ...scope, clientId: detail.quote.clientId }) : Promise.resolve([])
	]);
	return { detail, proposal, sendOptions, recipients };
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
