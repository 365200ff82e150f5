import { clientScope } from '$lib/server/kit';
import { loadThreadPage, postMessageAction } from '$lib/server/thread-pages';

export const load = async ({ locals, url, params }) => loadThreadPage(clientScope(locals, url), url, params);

export const actions = {
	post: async ({ locals, url, params, request }) =>
		postMessageAction(
			clientScope(locals, url),
			request,
			params.threadId,
			`/projects/${params.id}/messages/${params.threadId}`
		)
};
