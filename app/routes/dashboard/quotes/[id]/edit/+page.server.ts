import { lineItemsAction } from '$lib/server/line-items-action';
import { redirect } from '@sveltejs/kit';
import { minorToInput, bpToInput, quantityToInput } from '$domain/money';
import { getQuote } from '$domain/quotes/get-quote';
import { updateQuote } from '$domain/quotes/update-quote';
import { quoteFormOptions } from '$domain/quotes/quote-form-options';
import { termsFormValues } from '$domain/proposals/proposal-terms';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getQuote({ ...scope, quoteId: params.id }));
	const q = detail.quote;
	if (!detail.can.edit) redirect(303, `/quotes/${q.id}`);
	const options = await loadOrError(() => quoteFormOptions({ ...scope, clientId: q.clientId }));
	const savedRate = q.taxName ? options.taxRates.find((r) => r.name === q.taxName && r.rateBp === q.taxBp) : undefined;
	const initial: Record<string, string> = {
		clientId: q.clientId,
		title: q.title,
		currency: q.currency,
		discount: q.discountMinor ? minorToInput(q.discountMinor, q.currency) : '',
		taxRateId: savedRate?.id ?? '',
		taxRate: q.taxBp && !savedRate ? bpToInput(q.taxBp) : '',
		...termsFormValues(q, q.currency),
		notes: q.notes ?? '',
		expiresOn: q.expiresOn ?? ''
	};
	detail.items.forEach((item, i) => {
		initial[`items.${i}.description`] = item.description;
		initial[`items.${i}.quantity`] = quantityToInput(item.quantityMilli);
		initial[`items.${i}.unitPrice`] = minorToInput(item.unitPriceMinor, q.currency);
		if (item.optional) initial[`items.${i}.optional`] = 'on';
	});
	return {
		quote: { id: q.id, label: q.label, title: q.title, status: q.status, clientName: q.clientName },
		initial,
		options,
		changeRequests: detail.changeRequests.filter((r) => !r.resolvedAt)
	};
};

export const actions = {
	default: lineItemsAction(async ({ scope, values, params }) => {
		await updateQuote({ ...scope, quoteId: params.id, input: values });
		return `/quotes/${params.id}`;
	})
};
