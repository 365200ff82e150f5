import { openFileDownload } from '$domain/files/open-file-download';
import { loadOrError, staffScope } from '$lib/server/kit';

/** Staff download: streamed from R2 after the scope check (same use case as the portal and the API). */
export const GET = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return loadOrError(() => openFileDownload({ ...scope, input: { fileId: params.fileId, projectId: params.id } }));
};
