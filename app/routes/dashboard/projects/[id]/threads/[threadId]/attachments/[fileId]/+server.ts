import { openAttachment } from '$domain/threads/open-attachment';
import { staffScope, loadOrError } from '$lib/server/kit';

/** Staff download of a message attachment: only from a sent message of this thread they may read (never an internal note's for a client). */
export const GET = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return loadOrError(() =>
		openAttachment({ ...scope, input: { threadId: params.threadId, fileId: params.fileId, projectId: params.id } })
	);
};
