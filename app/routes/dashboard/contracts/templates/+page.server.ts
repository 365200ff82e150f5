import { redirect } from '@sveltejs/kit';
import { listContractTemplates } from '$domain/contracts/list-contract-templates';
import { saveContractTemplate } from '$domain/contracts/save-contract-template';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { templates: await loadOrError(() => listContractTemplates(scope)) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { id } = await saveContractTemplate({ ...scope, input: values });
			redirect(303, `/contracts/templates/${id}?saved=1`);
		}, values);
	}
};
