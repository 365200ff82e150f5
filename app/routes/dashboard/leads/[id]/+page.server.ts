import { redirect } from '@sveltejs/kit';
import { convertLead } from '$domain/leads/convert-lead';
import { getLead } from '$domain/leads/get-lead';
import { moveLead } from '$domain/leads/move-lead';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return { lead: await loadOrError(() => getLead({ ...scope, leadId: params.id })) };
};

export const actions = {
	move: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({ moved: params.id, ...(await moveLead({ ...scope, leadId: params.id, input: values })) }),
			{ ...values, _action: 'move' }
		);
	},
	convert: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => convertLead({ ...scope, leadId: params.id, input: values }), {
			...values,
			_action: 'convert'
		});
		if ('clientId' in result) redirect(303, `/clients/${result.clientId}`);
		return result;
	}
};
