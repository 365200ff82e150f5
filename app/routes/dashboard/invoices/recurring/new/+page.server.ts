import { redirect } from '@sveltejs/kit';
import { todayIn } from '$domain/calendar';
import { createRecurringInvoice } from '$domain/recurring/create-recurring-invoice';
import { recurringFormOptions } from '$domain/recurring/recurring-form-options';
import { withAnotherLine } from '$domain/line-item-rows';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const options = await loadOrError(() => recurringFormOptions(scope));
	return { options, initial: { clientId: url.searchParams.get('clientId') ?? '', frequency: 'monthly', startDate: todayIn(scope.workspace.timezone, locals.services.clock.now()), dueDays: '14', currency: options.defaultCurrency } };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// "Add a line" without JavaScript: show the form again with one more row, saving nothing.
		if (values.intent === 'addLine') return { values: withAnotherLine(values) };
		return actionOrFail(async () => {
			const { id } = await createRecurringInvoice({ ...scope, input: values });
			redirect(303, `/invoices/recurring/${id}?created`);
		}, values);
	}
};
