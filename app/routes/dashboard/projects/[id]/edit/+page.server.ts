import { redirect } from '@sveltejs/kit';
import { updateProject } from '$domain/projects/update-project';
import { actionOrFail, formObject, staffScope } from '$lib/server/kit';

// The project itself comes from the layout (getProject, scoped to the workspace).
export const load = ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { currency: scope.workspace.defaultCurrency };
};

export const actions = {
	default: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await updateProject({ ...scope, projectId: params.id, input: values });
			redirect(303, `/projects/${params.id}`);
		}, values);
	}
};
