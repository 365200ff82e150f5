import { redirect } from '@sveltejs/kit';
import type { Scope } from '$domain/scope';
import { postMessageWithFiles } from '$domain/threads/post-message-with-files';
import { actionOrFail, formObject } from './kit';
import { readUploadForm } from './multipart-upload';

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
