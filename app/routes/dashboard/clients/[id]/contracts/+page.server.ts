import { listContracts } from '$domain/contracts/list-contracts';
import { pageFrom } from '$domain/pagination';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return {
		contracts: await loadOrError(() =>
			listContracts({ ...scope, page: pageFrom(url.searchParams), clientId: params.id })
		)
	};
};
