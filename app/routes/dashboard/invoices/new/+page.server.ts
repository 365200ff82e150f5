import { redirect } from '@sveltejs/kit';
import { createInvoice } from '$domain/invoices/create-invoice';
import { invoiceFormOptions } from '$domain/invoices/invoice-form-options';
import { addDays, todayIn } from '$domain/calendar';
import { withAnotherLine } from '$domain/line-item-rows';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

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
		initial: { issueDate: today, dueDate: addDays(today, 14), currency: options.defaultCurrency, discount: '', taxRate: '', notes: '', items: [], timeEntryIds: [] }
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// "Add a line" without JavaScript: show the form again with one more row, saving nothing.
		if (values.intent === 'addLine') return { values: withAnotherLine(values) };
		const result = await actionOrFail(() => createInvoice({ ...scope, input: values }), values);
		if (result && 'id' in result) redirect(303, `/invoices/${result.id}?created`);
		return result;
	}
};
