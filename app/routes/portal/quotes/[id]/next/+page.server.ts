import { redirect } from '@sveltejs/kit';
import { getProposalProgress } from '$domain/proposals/get-proposal-progress';
import { startPayment } from '$domain/payments/start-payment';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

/** The proposal's one path after Accept: sign the contract, pay the deposit, then "You're all set". */
export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const progress = await loadOrError(() => getProposalProgress({ ...scope, quoteId: params.id }));
	if (progress.next === 'accept') redirect(303, `/quotes/${params.id}`);
	return { progress };
};

export const actions = {
	/** Pay the deposit: off to the checkout (the provider the client chose, or the local stand-in in development); back through the invoice's return page. */
	pay: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const { provider } = formObject(await request.formData());
		const result = await actionOrFail(async () => {
			const progress = await getProposalProgress({ ...scope, quoteId: params.id });
			if (!progress.deposit || progress.deposit.paid) redirect(303, `/quotes/${params.id}/next`);
			return startPayment({
				...scope,
				invoiceId: progress.deposit.invoiceId,
				input: { instalmentId: progress.deposit.instalmentId, provider }
			});
		});
		if (result && 'url' in result) redirect(303, result.url);
		return result;
	}
};
