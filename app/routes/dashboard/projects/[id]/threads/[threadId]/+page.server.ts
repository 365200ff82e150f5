import { error, redirect } from '@sveltejs/kit';
import { openThread } from '$domain/threads/open-thread';
import { postMessage } from '$domain/threads/post-message';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const view = await loadOrError(() => openThread({ ...scope, threadId: params.threadId, input: { before: url.searchParams.get('before') ?? undefined } }));
	if (view.thread.projectId !== params.id) error(404, { message: 'That conversation could not be found.', code: 'not_found' });
	return { view, clientMsgId: crypto.randomUUID() };
};

export const actions = {
	post: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { message } = await postMessage({ ...scope, threadId: params.threadId, input: values });
			redirect(303, `/projects/${params.id}/threads/${params.threadId}#m-${message.seq}`);
		}, values);
	}
};
