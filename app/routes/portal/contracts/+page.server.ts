import { listContracts } from '$domain/contracts/list-contracts';
import { pageFrom } from '$domain/pagination';
import { clientScope, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return { contracts: await loadOrError(() => listContracts({ ...scope, page: pageFrom(url.searchParams) })) };
};
