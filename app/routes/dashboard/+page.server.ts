import { staffScope } from '$lib/server/kit';
import { workspaceOverview } from '$domain/workspaces/overview';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { overview: await workspaceOverview(scope) };
};
