import { openAttachment } from '$domain/threads/open-attachment';
import { clientScope, loadOrError } from '$lib/server/kit';

/** Client preview of a message attachment (an image or PDF, inline); the same rule as its download. */
export const GET = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return loadOrError(() =>
		openAttachment({
			...scope,
			input: { threadId: params.threadId, fileId: params.fileId, projectId: params.id, preview: true }
		})
	);
};
