import { lineItemsAction } from '$lib/server/line-items-action';
import { redirect } from '@sveltejs/kit';
import { bpToInput, minorToInput, quantityToInput } from '$domain/money';
import { getRecurringInvoice } from '$domain/recurring/get-recurring-invoice';
import { recurringFormOptions } from '$domain/recurring/recurring-form-options';
import { updateRecurringInvoice } from '$domain/recurring/update-recurring-invoice';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const [detail, options] = await Promise.all([
		loadOrError(() => getRecurringInvoice({ ...scope, recurringId: params.id })),
		loadOrError(() => recurringFormOptions(scope))
	]);
	const s = detail.schedule;
	if (!detail.can.edit) redirect(303, `/invoices/recurring/${s.id}`);
	const savedRate = s.taxName ? options.taxRates.find((r) => r.name === s.taxName && r.rateBp === s.taxBp) : undefined;
	const initial: Record<string, string> = {
		clientId: s.clientId,
		projectId: s.projectId ?? '',
		title: s.title,
		currency: s.currency,
		frequency: s.frequency,
		startDate: s.startDate,
		endDate: s.endDate ?? '',
		maxCount: s.maxCount === null ? '' : String(s.maxCount),
		dueDays: String(s.dueDays),
		discount: s.discountMinor ? minorToInput(s.discountMinor, s.currency) : '',
		taxRateId: savedRate?.id ?? '',
		taxRate: s.taxBp && !savedRate ? bpToInput(s.taxBp) : '',
		notes: s.notes ?? ''
	};
	detail.items.forEach((item, i) => {
		initial[`items.${i}.description`] = item.description;
		initial[`items.${i}.quantity`] = quantityToInput(item.quantityMilli);
		initial[`items.${i}.unitPrice`] = minorToInput(item.unitPriceMinor, s.currency);
	});
	return {
		schedule: { id: s.id, title: s.title, clientName: s.clientName, started: s.generatedCount > 0 },
		options,
		initial
	};
};

export const actions = {
	default: lineItemsAction(async ({ scope, values, params }) => {
		await updateRecurringInvoice({ ...scope, recurringId: params.id, input: values });
		return `/invoices/recurring/${params.id}`;
	})
};
