import { listRecurringInvoices } from '$domain/recurring/list-recurring-invoices';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return {
		page: await loadOrError(() => listRecurringInvoices({ ...scope, input: url.searchParams }))
	};
};
