import { searchWorkspace } from '$domain/search/search-workspace';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return await loadOrError(() => searchWorkspace({ ...scope, input: url.searchParams }));
};
