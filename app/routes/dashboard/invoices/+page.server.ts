import { listInvoices } from '$domain/invoices/list-invoices';
import { pageFrom } from '$domain/pagination';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return await loadOrError(() =>
		listInvoices({ ...scope, page: pageFrom(url.searchParams), status: url.searchParams.get('status') })
	);
};
