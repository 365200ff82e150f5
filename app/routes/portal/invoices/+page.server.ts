import { listInvoices } from '$domain/invoices/list-invoices';
import { pageFrom } from '$domain/pagination';
import { clientScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return await listInvoices({ ...scope, page: pageFrom(url.searchParams), status: url.searchParams.get('status') });
};
