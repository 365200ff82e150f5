import { error } from '@sveltejs/kit';
import { uploadLimits } from '$domain/files/file-types';
import { openThread } from '$domain/threads/open-thread';
import { loadOrError, staffScope } from '$lib/server/kit';
import { postMessageAction } from '$lib/server/thread-pages';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const view = await loadOrError(() =>
		openThread({ ...scope, threadId: params.threadId, input: { before: url.searchParams.get('before') ?? undefined } })
	);
	if (view.thread.projectId !== params.id)
		error(404, { message: 'That conversation could not be found.', code: 'not_found' });
	return { view, clientMsgId: crypto.randomUUID(), upload: uploadLimits(scope.services.config.maxUploadBytes) };
};

export const actions = {
	post: async ({ locals, url, params, request }) =>
		postMessageAction(
			staffScope(locals, url),
			request,
			params.threadId,
			`/projects/${params.id}/threads/${params.threadId}`
		)
};
