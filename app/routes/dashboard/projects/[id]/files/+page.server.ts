import { deleteFile } from '$domain/files/delete-file';
import { ACCEPT_ATTRIBUTE, ALLOWED_LIST } from '$domain/files/file-types';
import { listProjectFiles } from '$domain/files/list-project-files';
import { renameFile } from '$domain/files/rename-file';
import { setFileVisibility } from '$domain/files/set-file-visibility';
import { uploadFile } from '$domain/files/upload-file';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';
import { fileFromMultipart } from '$lib/server/multipart-upload';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const { files, total } = await loadOrError(() => listProjectFiles({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } }));
	return { files, total, upload: { maxBytes: scope.services.config.maxUploadBytes, accept: ACCEPT_ATTRIBUTE, allowed: ALLOWED_LIST } };
};

export const actions = {
	upload: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			const file = await uploadFile({ ...scope, input: { projectId: params.id, ...(await fileFromMultipart(request, scope.services.config.maxUploadBytes)) } });
			return { area: 'upload', done: `Uploaded ${file.name}. It stays internal until you share it with the client.` };
		});
	},
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
			return { area: 'list', done: file.clientVisible ? 'The client can now see and download this file.' : 'The file is internal again: the client can no longer see it.' };
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
