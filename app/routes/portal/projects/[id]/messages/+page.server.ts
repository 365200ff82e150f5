import { redirect } from '@sveltejs/kit';
import { createThread } from '$domain/threads/create-thread';
import { listThreads } from '$domain/threads/list-threads';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const threads = await loadOrError(() =>
		listThreads({ ...scope, input: { ...Object.fromEntries(url.searchParams), projectId: params.id } })
	);
	return { threads, clientMsgId: crypto.randomUUID() };
};

export const actions = {
	create: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { threadId } = await createThread({ ...scope, input: { ...values, projectId: params.id } });
			redirect(303, `/projects/${params.id}/messages/${threadId}`);
		}, values);
	}
};
