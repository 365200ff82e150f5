import { listContracts } from '$domain/contracts/list-contracts';
import { clientScope, loadOrError } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url }) => {
	const scope = clientScope(locals, url);
	return renderedOnServer(
		{ isDataRequest },
		{ contracts: await loadOrError(() => listContracts({ ...scope, input: url.searchParams })) }
	);
};
