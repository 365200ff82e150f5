import { getRecurringInvoice } from '$domain/recurring/get-recurring-invoice';
import { clientScope, loadOrError } from '$lib/server/kit';

/** A recurring invoice the client is billed on: what, how often, the next dates and the invoices so far. */
export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	return { detail: await loadOrError(() => getRecurringInvoice({ ...scope, recurringId: params.id })) };
};
