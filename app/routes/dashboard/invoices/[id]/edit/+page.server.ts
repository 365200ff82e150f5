import { lineItemsAction } from '$lib/server/line-items-action';
import { error } from '@sveltejs/kit';
import { getInvoice } from '$domain/invoices/get-invoice';
import { invoiceFormOptions } from '$domain/invoices/invoice-form-options';
import { updateInvoice } from '$domain/invoices/update-invoice';
import { bpToInput, minorToInput, quantityToInput } from '$domain/money';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getInvoice({ ...scope, invoiceId: params.id }));
	const { invoice } = detail;
	if (invoice.status !== 'draft')
		error(409, { message: `${detail.number} is no longer a draft and cannot be edited.`, code: 'conflict' });
	const clientId = url.searchParams.get('clientId') ?? invoice.clientId;
	const projectId =
		url.searchParams.get('projectId') ?? (url.searchParams.has('clientId') ? '' : (invoice.projectId ?? ''));
	const options = await loadOrError(() => invoiceFormOptions({ ...scope, clientId, projectId, invoiceId: invoice.id }));
	const manual = detail.items.filter((i) => !i.timeEntryId);
	const savedRate = invoice.taxName
		? options.taxRates.find((r) => r.name === invoice.taxName && r.rateBp === invoice.taxBp)
		: undefined;
	return {
		number: detail.number,
		invoiceId: invoice.id,
		options,
		clientId,
		projectId,
		initial: {
			issueDate: invoice.issueDate ?? '',
			dueDate: invoice.dueDate ?? '',
			currency: invoice.currency,
			discount: invoice.discountMinor ? minorToInput(invoice.discountMinor, invoice.currency) : '',
			taxRateId: savedRate?.id ?? '',
			taxRate: invoice.taxBp && !savedRate ? bpToInput(invoice.taxBp) : '',
			schedule: detail.schedule.map((s, i) => ({
				label: s.label,
				share:
					i === detail.schedule.length - 1
						? ''
						: s.percentBp !== null
							? `${bpToInput(s.percentBp)}%`
							: minorToInput(s.amountMinor, invoice.currency),
				dueDate: s.dueDate
			})),
			notes: invoice.notes ?? '',
			items: manual.map((i) => ({
				description: i.description,
				quantity: quantityToInput(i.quantityMilli),
				unitPrice: minorToInput(i.unitPriceMinor, invoice.currency)
			})),
			timeEntryIds: detail.items.flatMap((i) => (i.timeEntryId ? [i.timeEntryId] : []))
		}
	};
};

export const actions = {
	default: lineItemsAction(
		async ({ scope, values, params }) =>
			`/invoices/${(await updateInvoice({ ...scope, invoiceId: params.id, input: values })).id}`
	)
};
