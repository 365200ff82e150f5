import { openFileDownload } from '$domain/files/open-file-download';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Client preview: an image or PDF of this client's project, visible to them, shown inline; anything else is a 404 (or 415 for a type with no preview). */
export const GET = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return loadOrError(() =>
		openFileDownload({ ...scope, input: { fileId: params.fileId, projectId: params.id, preview: true } })
	);
};
