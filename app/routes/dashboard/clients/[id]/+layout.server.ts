import { getClient } from '$domain/clients/get-client';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const client = await loadOrError(() => getClient({ ...scope, clientId: params.id }));
	return { client };
};
