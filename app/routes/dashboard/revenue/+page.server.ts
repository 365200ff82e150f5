import { revenueReport } from '$domain/reports/revenue-report';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { report: await loadOrError(() => revenueReport(scope)) };
};
