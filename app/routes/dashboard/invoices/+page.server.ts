import { listInvoices } from '$domain/invoices/list-invoices';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return await loadOrError(() => listInvoices({ ...scope, input: url.searchParams }));
};
