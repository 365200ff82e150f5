import { clientStatement } from '$domain/reports/client-statement';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return {
		statement: await loadOrError(() => clientStatement({ ...scope, clientId: params.id, input: url.searchParams }))
	};
};
