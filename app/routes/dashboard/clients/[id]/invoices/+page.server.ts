import { listInvoices } from '$domain/invoices/list-invoices';
import { pageFrom } from '$domain/pagination';
import { loadOrError, staffScope } from '$lib/server/kit';

/** The client's Invoices tab (the layout has already checked the client is ours). */
export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return await loadOrError(() =>
		listInvoices({
			...scope,
			page: pageFrom(url.searchParams),
			status: url.searchParams.get('status'),
			clientId: params.id
		})
	);
};
