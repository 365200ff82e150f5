import { lineItemsAction } from '$lib/server/line-items-action';
import { todayIn } from '$domain/calendar';
import { createRecurringInvoice } from '$domain/recurring/create-recurring-invoice';
import { recurringFormOptions } from '$domain/recurring/recurring-form-options';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const options = await loadOrError(() => recurringFormOptions(scope));
	return {
		options,
		initial: {
			clientId: url.searchParams.get('clientId') ?? '',
			frequency: 'monthly',
			startDate: todayIn(scope.workspace.timezone, locals.services.clock.now()),
			dueDays: '14',
			currency: options.defaultCurrency
		}
	};
};

export const actions = {
	default: lineItemsAction(
		async ({ scope, values }) =>
			`/invoices/recurring/${(await createRecurringInvoice({ ...scope, input: values })).id}?created`
	)
};
