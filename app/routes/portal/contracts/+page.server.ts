import { listContracts } from '$domain/contracts/list-contracts';
import { clientScope, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return { contracts: await loadOrError(() => listContracts({ ...scope, input: url.searchParams })) };
};
