import { listInvoices } from '$domain/invoices/list-invoices';
import { clientScope } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url }) => {
	const scope = clientScope(locals, url);
	return renderedOnServer({ isDataRequest }, await listInvoices({ ...scope, input: url.searchParams }));
};
