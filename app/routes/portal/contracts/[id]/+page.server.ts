import { redirect } from '@sveltejs/kit';
import { getContract } from '$domain/contracts/get-contract';
import { proposalOfContract } from '$domain/proposals/proposal-of-contract';
import { signContract } from '$domain/contracts/sign-contract';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

const auditOf = (locals: App.Locals, request: Request) => ({
	ip: locals.ip,
	userAgent: request.headers.get('user-agent')
});

export const load = async ({ locals, url, params, request }) => {
	const scope = clientScope(locals, url);
	// Opening the page is a "viewed" event in the audit trail; re-rendering after the sign form is not.
	const detail = await loadOrError(() =>
		getContract({
			...scope,
			contractId: params.id,
			audit: auditOf(locals, request),
			countView: request.method === 'GET'
		})
	);
	const { contract, signatures, can, integrity } = detail;
	return { contract, signatures, can, integrityOk: integrity.ok, signer: { name: scope.actor.name } };
};

export const actions = {
	sign: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => {
				const result = await signContract({
					...scope,
					contractId: params.id,
					input: values,
					audit: auditOf(locals, request)
				});
				// Part of a proposal: on to its next step (the deposit, or "You're all set").
				const quoteId = await proposalOfContract({ ...scope, contractId: params.id });
				if (quoteId) redirect(303, `/quotes/${quoteId}/next`);
				return { signed: true, awaitingCountersignature: result.awaitingCountersignature };
			},
			{ ...values, signatureImage: '' }
		);
	}
};
