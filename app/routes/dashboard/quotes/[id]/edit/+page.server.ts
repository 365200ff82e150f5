import { redirect } from '@sveltejs/kit';
import { minorToInput, bpToInput, quantityToInput } from '$domain/money';
import { getQuote } from '$domain/quotes/get-quote';
import { updateQuote } from '$domain/quotes/update-quote';
import { withAnotherLine } from '$domain/line-item-rows';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getQuote({ ...scope, quoteId: params.id }));
	const q = detail.quote;
	if (!detail.can.edit) redirect(303, `/quotes/${q.id}`);
	const initial: Record<string, string> = {
		title: q.title,
		currency: q.currency,
		discount: q.discountMinor ? minorToInput(q.discountMinor, q.currency) : '',
		taxRate: q.taxBp ? bpToInput(q.taxBp) : '',
		notes: q.notes ?? '',
		expiresOn: q.expiresOn ?? ''
	};
	detail.items.forEach((item, i) => {
		initial[`items.${i}.description`] = item.description;
		initial[`items.${i}.quantity`] = quantityToInput(item.quantityMilli);
		initial[`items.${i}.unitPrice`] = minorToInput(item.unitPriceMinor, q.currency);
	});
	return { quote: { id: q.id, label: q.label, title: q.title, status: q.status, clientName: q.clientName }, initial, changeRequests: detail.changeRequests.filter((r) => !r.resolvedAt) };
};

export const actions = {
	default: async ({ locals, url, request, params }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// "Add a line" without JavaScript: show the form again with one more row, saving nothing.
		if (values.intent === 'addLine') return { values: withAnotherLine(values) };
		return actionOrFail(async () => {
			await updateQuote({ ...scope, quoteId: params.id, input: values });
			redirect(303, `/quotes/${params.id}`);
		}, values);
	}
};
