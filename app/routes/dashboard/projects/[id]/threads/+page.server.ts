import { staffScope } from '$lib/server/kit';
import { createThreadAction, loadThreadList } from '$lib/server/thread-pages';

export const load = async ({ locals, url, params }) => loadThreadList(staffScope(locals, url), url, params.id);

export const actions = {
	create: async ({ locals, url, params, request }) =>
		createThreadAction(staffScope(locals, url), request, params.id, `/projects/${params.id}/threads`)
};
