import { redirect } from '@sveltejs/kit';
import { createProject } from '$domain/projects/create-project';
import { projectFormOptions } from '$domain/projects/project-form-options';
import { actionOrFail, formObject, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return {
		...(await projectFormOptions(scope)),
		preselectedClientId: url.searchParams.get('client') ?? '',
		currency: scope.workspace.defaultCurrency
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { id } = await createProject({ ...scope, input: values });
			redirect(303, `/projects/${id}`);
		}, values);
	}
};
