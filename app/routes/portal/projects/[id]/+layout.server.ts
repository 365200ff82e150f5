import { getPortalProjectHeader } from '$domain/projects/get-portal-project-header';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Every tab of a project page: the project itself, scoped to the signed-in client, and whether it has a Feedback tab. */
export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return await loadOrError(() => getPortalProjectHeader({ ...scope, projectId: params.id }));
};
