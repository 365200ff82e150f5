import { redirect } from '@sveltejs/kit';
import { getContract } from '$domain/contracts/get-contract';
import { updateContract } from '$domain/contracts/update-contract';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { contract, can } = await loadOrError(() => getContract({ ...scope, contractId: params.id }));
	if (!can.edit) redirect(303, `/contracts/${contract.id}`);
	return {
		contract: {
			id: contract.id,
			title: contract.title,
			status: contract.status,
			clientName: contract.clientName,
			bodyHtml: contract.bodyHtml
		},
		initial: {
			title: contract.title,
			bodyMd: contract.bodyMd,
			requireCountersignature: contract.requireCountersignature
		}
	};
};

export const actions = {
	default: async ({ locals, url, request, params }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await updateContract({ ...scope, contractId: params.id, input: values });
			redirect(303, `/contracts/${params.id}`);
		}, values);
	}
};
