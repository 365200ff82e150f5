import { deleteFile } from '$domain/files/delete-file';
import { uploadLimits } from '$domain/files/file-types';
import { listProjectFiles } from '$domain/files/list-project-files';
import { MAX_FILES_PER_UPLOAD } from '$domain/files/upload-files';
import { uploadFilesAction } from '$lib/server/file-pages';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const listed = await loadOrError(() =>
		listProjectFiles({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } })
	);
	return { ...listed, upload: uploadLimits(scope.services.config.maxUploadBytes), maxFiles: MAX_FILES_PER_UPLOAD };
};

export const actions = {
	upload: async ({ locals, url, params, request }) => uploadFilesAction(clientScope(locals, url), request, params.id),
	delete: async ({ locals, url, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await deleteFile({ ...scope, input: values });
			return { area: 'list', done: 'File deleted.' };
		}, values);
	}
};
