import { staffScope } from '$lib/server/kit';
import { loadThreadPage, postMessageAction } from '$lib/server/thread-pages';

export const load = async ({ locals, url, params }) => loadThreadPage(staffScope(locals, url), url, params);

export const actions = {
	post: async ({ locals, url, params, request }) =>
		postMessageAction(
			staffScope(locals, url),
			request,
			params.threadId,
			`/projects/${params.id}/threads/${params.threadId}`
		)
};
