import { listActivity } from '$domain/activity/list-activity';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { feed: await loadOrError(() => listActivity({ ...scope, input: Object.fromEntries(url.searchParams) })) };
};
