import { redirect } from '@sveltejs/kit';
import { createThread } from '$domain/threads/create-thread';
import { listThreads } from '$domain/threads/list-threads';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const threads = await loadOrError(() =>
		listThreads({ ...scope, input: { ...Object.fromEntries(url.searchParams), projectId: params.id } })
	);
	return { threads, clientMsgId: crypto.randomUUID() };
};

export const actions = {
	create: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { threadId } = await createThread({ ...scope, input: { ...values, projectId: params.id } });
			redirect(303, `/projects/${params.id}/threads/${threadId}`);
		}, values);
	}
};
