import { getPortalProject } from '$domain/projects/get-portal-project';
import { clientScope, loadOrError } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

/** The overview tab: the read-only board, in the portal's shape (nothing staff-only). */
export const load = async ({ isDataRequest, locals, url, params }) => {
	const scope = clientScope(locals, url);
	return renderedOnServer(
		{ isDataRequest },
		{ board: await loadOrError(() => getPortalProject({ ...scope, projectId: params.id })) }
	);
};
