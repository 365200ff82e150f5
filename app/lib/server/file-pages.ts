import { fail } from '@sveltejs/kit';
import { ERROR_STATUS } from '$domain/errors';
import type { Scope } from '$domain/scope';
import { uploadFiles } from '$domain/files/upload-files';
import { uploadedMessage } from '$lib/files/upload-messages';
import { actionOrFail, type FormFailure } from './kit';
import { readUploadForm } from './multipart-upload';

/**
 * The ?/upload action of the Files tab (portal and dashboard), without JavaScript:
 * every chosen file is checked and stored on its own (uploadFiles). Some stored:
 * success, naming the refused ones; none stored: a failure with each file's reason
 * (the status of the first), shown by the file field.
 */
export function uploadFilesAction(scope: Scope, request: Request, projectId: string) {
	return actionOrFail(async () => {
		const form = await readUploadForm(request, scope.services.config.maxUploadBytes);
		const result = await uploadFiles({
			...scope,
			input: { projectId, clientVisible: form.values.clientVisible, files: form.files }
		});
		const failed = result.failed.map(({ name, message }) => ({ name, message }));
		if (!result.uploaded.length) {
			const message = failed.length === 1 ? failed[0].message : `${failed.length} files were not uploaded.`;
			const failure: FormFailure & { failed: typeof failed } = {
				message,
				code: result.failed[0].code,
				errors: { file: message },
				failed
			};
			return fail(ERROR_STATUS[result.failed[0].code], failure);
		}
		const done = uploadedMessage(
			result.uploaded.map((f) => f.name),
			{ staff: scope.actor.kind === 'staff', clientVisible: result.uploaded[0].clientVisible }
		);
		return {
			area: 'upload',
			done: failed.length
				? `${done} ${failed.length === 1 ? 'One file was' : `${failed.length} files were`} not uploaded:`
				: done,
			failed
		};
	});
}
