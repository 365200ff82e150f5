import { hasFeedbackRequest } from '$domain/feedback/has-feedback-request';
import { getProject } from '$domain/projects/get-project';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Every tab of a project page: the project itself, scoped to the signed-in client. */
export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const [{ project }, hasFeedback] = await loadOrError(() => Promise.all([getProject({ ...scope, projectId: params.id }), hasFeedbackRequest({ ...scope, projectId: params.id })]));
	return { project: { id: project.id, name: project.name, description: project.description, status: project.status, startDate: project.startDate, dueDate: project.dueDate }, hasFeedback };
};
