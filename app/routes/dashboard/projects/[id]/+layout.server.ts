import { getProject } from '$domain/projects/get-project';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { project, clientName } = await loadOrError(() => getProject({ ...scope, projectId: params.id }));
	return { project, clientName };
};
