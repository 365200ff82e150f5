import { error, redirect } from '@sveltejs/kit';
import { deleteTask } from '$domain/tasks/delete-task';
import { getTask } from '$domain/tasks/get-task';
import { updateTask } from '$domain/tasks/update-task';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const found = await loadOrError(() => getTask({ ...scope, taskId: params.taskId }));
	// A task of another project under this project's URL is not here.
	if (found.task.projectId !== params.id) error(404, { message: 'That task could not be found.', code: 'not_found' });
	return found;
};

export const actions = {
	update: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await updateTask({ ...scope, taskId: params.taskId, input: values });
			redirect(303, `/projects/${params.id}`);
		}, values);
	},
	delete: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			await deleteTask({ ...scope, taskId: params.taskId });
			redirect(303, `/projects/${params.id}`);
		});
	}
};
