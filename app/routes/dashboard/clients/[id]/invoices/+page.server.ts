import { listInvoices } from '$domain/invoices/list-invoices';
import { loadOrError, staffScope } from '$lib/server/kit';

/** The client's Invoices tab (the layout has already checked the client is ours). */
export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return await loadOrError(() =>
		listInvoices({
			...scope,
			input: url.searchParams,
			clientId: params.id
		})
	);
};
