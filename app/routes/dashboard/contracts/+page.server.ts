import { listContracts } from '$domain/contracts/list-contracts';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const contracts = await loadOrError(() => listContracts({ ...scope, input: url.searchParams }));
	return { contracts, status: contracts.status ?? '' };
};
