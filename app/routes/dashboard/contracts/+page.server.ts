import { listContracts } from '$domain/contracts/list-contracts';
import { pageFrom } from '$domain/pagination';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const contracts = await loadOrError(() =>
		listContracts({ ...scope, page: pageFrom(url.searchParams), status: url.searchParams.get('status') })
	);
	return { contracts, status: contracts.status ?? '' };
};
