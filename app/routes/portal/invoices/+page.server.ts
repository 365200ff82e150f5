import { listInvoices } from '$domain/invoices/list-invoices';
import { clientScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return await listInvoices({ ...scope, input: url.searchParams });
};
