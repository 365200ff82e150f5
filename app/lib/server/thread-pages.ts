import { error, redirect } from '@sveltejs/kit';
import { uploadLimits } from '$domain/files/file-types';
import type { Scope } from '$domain/scope';
import { createThread } from '$domain/threads/create-thread';
import { listThreads } from '$domain/threads/list-threads';
import { openThread } from '$domain/threads/open-thread';
import { postMessageWithFiles } from '$domain/threads/post-message-with-files';
import { actionOrFail, formObject, loadOrError } from './kit';
import { readUploadForm } from './multipart-upload';

/** The load of a project's conversations page (portal and dashboard); the query string filters the list. */
export async function loadThreadList(scope: Scope, url: URL, projectId: string) {
	const threads = await loadOrError(() =>
		listThreads({ ...scope, input: { ...Object.fromEntries(url.searchParams), projectId } })
	);
	return { threads, clientMsgId: crypto.randomUUID() };
}

/** The ?/create action of a project's conversations page: starts one and goes to `${threadsPath}/<its id>`. */
export async function createThreadAction(scope: Scope, request: Request, projectId: string, threadsPath: string) {
	const values = formObject(await request.formData());
	return actionOrFail(async () => {
		const { threadId } = await createThread({ ...scope, input: { ...values, projectId } });
		redirect(303, `${threadsPath}/${threadId}`);
	}, values);
}

/**
 * The load of a thread page (portal and dashboard): its newest messages, or those before
 * ?before=; not found unless the thread belongs to the project in the URL.
 */
export async function loadThreadPage(scope: Scope, url: URL, params: { id: string; threadId: string }) {
	const view = await loadOrError(() =>
		openThread({ ...scope, threadId: params.threadId, input: { before: url.searchParams.get('before') ?? undefined } })
	);
	if (view.thread.projectId !== params.id)
		error(404, { message: 'That conversation could not be found.', code: 'not_found' });
	return { view, clientMsgId: crypto.randomUUID(), upload: uploadLimits(scope.services.config.maxUploadBytes) };
}

/**
 * The ?/post action of a thread page (portal and dashboard). The form is
 * multipart when it carries attachments (the `attachments` file input); then
 * readUploadForm checks the size before reading, and postMessageWithFiles
 * stores the message and its files all or nothing. Goes to the stored message.
 */
export async function postMessageAction(scope: Scope, request: Request, threadId: string, threadPath: string) {
	const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
	// Filled once read, so a failure puts back what was typed.
	const values: Record<string, unknown> = {};
	const result = await actionOrFail(async () => {
		const form = multipart
			? await readUploadForm(request, scope.services.config.maxUploadBytes, 'attachments')
			: { values: formObject(await request.formData()), files: [] };
		Object.assign(values, form.values);
		return postMessageWithFiles({ ...scope, threadId, input: form.values, files: form.files });
	}, values);
	if ('created' in result) redirect(303, `${threadPath}#m-${result.message.seq}`);
	return result;
}
