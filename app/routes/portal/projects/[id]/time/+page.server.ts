import { listProjectTime } from '$domain/time/list-project-time';
import { clientScope, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return loadOrError(() =>
		listProjectTime({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } })
	);
};
