import { listProjects } from '$domain/projects/list-projects';
import { clientScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	const projects = await listProjects({ ...scope, statuses: ['active', 'on_hold', 'complete'] });
	return { projects };
};
