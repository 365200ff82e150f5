import { browseProjects } from '$domain/projects/browse-projects';
import { staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return await browseProjects({ ...scope, input: url.searchParams });
};
