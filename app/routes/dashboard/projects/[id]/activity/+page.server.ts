import { listProjectActivity } from '$domain/activity/list-project-activity';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return {
		feed: await loadOrError(() => listProjectActivity({ ...scope, projectId: params.id, input: url.searchParams }))
	};
};
