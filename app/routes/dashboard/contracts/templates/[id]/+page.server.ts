import { redirect } from '@sveltejs/kit';
import { deleteContractTemplate } from '$domain/contracts/delete-contract-template';
import { getContractTemplate } from '$domain/contracts/list-contract-templates';
import { saveContractTemplate } from '$domain/contracts/save-contract-template';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const template = await loadOrError(() => getContractTemplate({ ...scope, templateId: params.id }));
	return {
		template: { id: template.id, name: template.name, bodyMd: template.bodyMd },
		saved: url.searchParams.has('saved')
	};
};

export const actions = {
	save: async ({ locals, url, request, params }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await saveContractTemplate({ ...scope, templateId: params.id, input: values });
			return { saved: true };
		}, values);
	},
	delete: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			await deleteContractTemplate({ ...scope, templateId: params.id });
			redirect(303, '/contracts/templates');
		});
	}
};
