import { deleteFile } from '$domain/files/delete-file';
import { uploadLimits } from '$domain/files/file-types';
import { listProjectFiles } from '$domain/files/list-project-files';
import { renameFile } from '$domain/files/rename-file';
import { setFileVisibility } from '$domain/files/set-file-visibility';
import { MAX_FILES_PER_UPLOAD } from '$domain/files/upload-files';
import { uploadFilesAction } from '$lib/server/file-pages';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { files, total, uploadDefaults } = await loadOrError(() =>
		listProjectFiles({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } })
	);
	return {
		files,
		total,
		uploadDefaults,
		upload: uploadLimits(scope.services.config.maxUploadBytes),
		maxFiles: MAX_FILES_PER_UPLOAD
	};
};

export const actions = {
	upload: async ({ locals, url, params, request }) => uploadFilesAction(staffScope(locals, url), request, params.id),
	rename: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const file = await renameFile({ ...scope, input: values });
			return { area: 'list', done: `Renamed to ${file.name}.` };
		}, values);
	},
	visibility: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const file = await setFileVisibility({ ...scope, input: values });
			return {
				area: 'list',
				done: file.clientVisible
					? 'The client can now see and download this file.'
					: 'The file is internal again: the client can no longer see it.'
			};
		}, values);
	},
	delete: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await deleteFile({ ...scope, input: values });
			return { area: 'list', done: 'File deleted.' };
		}, values);
	}
};
