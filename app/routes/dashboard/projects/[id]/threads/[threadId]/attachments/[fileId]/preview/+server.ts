import { openAttachment } from '$domain/threads/open-attachment';
import { staffScope, loadOrError } from '$lib/server/kit';

/** Staff preview of a message attachment (an image or PDF, inline); the same rule as its download. */
export const GET = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return loadOrError(() =>
		openAttachment({
			...scope,
			input: { threadId: params.threadId, fileId: params.fileId, projectId: params.id, preview: true }
		})
	);
};
