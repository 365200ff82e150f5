import { listProjectFiles } from '$domain/files/list-project-files';
import { clientScope, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return loadOrError(() => listProjectFiles({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } }));
};
