import { openFileDownload } from '$domain/files/open-file-download';
import { loadOrError, staffScope } from '$lib/server/kit';

/** Staff preview: an image or PDF shown inline (anything else has no preview); same scope check as the download. */
export const GET = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return loadOrError(() =>
		openFileDownload({ ...scope, input: { fileId: params.fileId, projectId: params.id, preview: true } })
	);
};
