import { getProjectBoard } from '$domain/projects/get-project-board';
import { createTask } from '$domain/tasks/create-task';
import { moveTask } from '$domain/tasks/move-task';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return { board: await loadOrError(() => getProjectBoard({ ...scope, projectId: params.id })) };
};

export const actions = {
	createTask: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => {
				await createTask({ ...scope, projectId: params.id, input: values });
				return { created: String(values.title ?? '').trim() };
			},
			{ ...values, _form: 'createTask' }
		);
	},
	move: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const taskId = String(values.taskId ?? '');
		return actionOrFail(async () => ({ moved: { taskId, ...(await moveTask({ ...scope, taskId, input: values })) } }), {
			taskId,
			_form: 'move'
		});
	}
};
