import { clientScope } from '$lib/server/kit';
import { createThreadAction, loadThreadList } from '$lib/server/thread-pages';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url, params }) =>
	renderedOnServer({ isDataRequest }, await loadThreadList(clientScope(locals, url), url, params.id));

export const actions = {
	create: async ({ locals, url, params, request }) =>
		createThreadAction(clientScope(locals, url), request, params.id, `/projects/${params.id}/messages`)
};
