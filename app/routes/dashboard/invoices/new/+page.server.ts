import { lineItemsAction } from '$lib/server/line-items-action';
import { createInvoice } from '$domain/invoices/create-invoice';
import { invoiceFormOptions } from '$domain/invoices/invoice-form-options';
import { addDays, todayIn } from '$domain/calendar';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const clientId = url.searchParams.get('clientId') ?? '';
	const projectId = url.searchParams.get('projectId') ?? '';
	const options = await loadOrError(() => invoiceFormOptions({ ...scope, clientId, projectId }));
	const now = locals.services.clock.now();
	const today = todayIn(scope.workspace.timezone, now);
	return {
		options,
		clientId: options.clients.some((c) => c.id === clientId) ? clientId : '',
		projectId: options.projects.some((p) => p.id === projectId) ? projectId : '',
		initial: {
			issueDate: today,
			dueDate: addDays(today, 14),
			currency: options.defaultCurrency,
			discount: '',
			taxRate: '',
			notes: '',
			items: [],
			timeEntryIds: []
		}
	};
};

export const actions = {
	default: lineItemsAction(
		async ({ scope, values }) => `/invoices/${(await createInvoice({ ...scope, input: values })).id}?created`
	)
};
