import { listPortalProjects } from '$domain/projects/list-portal-projects';
import { clientScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return { projects: await listPortalProjects({ ...scope, input: url.searchParams }) };
};
