import { listProjectTime } from '$domain/time/list-project-time';
import { clientScope, loadOrError } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url, params }) => {
	const scope = clientScope(locals, url);
	return renderedOnServer(
		{ isDataRequest },
		await loadOrError(() =>
			listProjectTime({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } })
		)
	);
};
