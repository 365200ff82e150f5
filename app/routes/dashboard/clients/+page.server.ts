import { listClients } from '$domain/clients/list-clients';
import { staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return await listClients({ ...scope, input: url.searchParams });
};
