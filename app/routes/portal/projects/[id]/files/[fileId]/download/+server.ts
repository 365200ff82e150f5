import { openFileDownload } from '$domain/files/open-file-download';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Client download: only a file of this client's project that is visible to them; anything else is a 404. */
export const GET = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return loadOrError(() => openFileDownload({ ...scope, input: { fileId: params.fileId, projectId: params.id } }));
};
