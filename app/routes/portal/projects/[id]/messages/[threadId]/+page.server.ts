import { error } from '@sveltejs/kit';
import { uploadLimits } from '$domain/files/file-types';
import { openThread } from '$domain/threads/open-thread';
import { clientScope, loadOrError } from '$lib/server/kit';
import { postMessageAction } from '$lib/server/thread-pages';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
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
			clientScope(locals, url),
			request,
			params.threadId,
			`/projects/${params.id}/messages/${params.threadId}`
		)
};
