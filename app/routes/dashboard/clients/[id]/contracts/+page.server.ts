import { listContracts } from '$domain/contracts/list-contracts';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return {
		contracts: await loadOrError(() => listContracts({ ...scope, input: url.searchParams, clientId: params.id }))
	};
};
