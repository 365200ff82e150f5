import { getInvoice } from '$domain/invoices/get-invoice';
import { totalsRows } from '$domain/invoices/invoice-pdf';
import { sendInvoice } from '$domain/invoices/send-invoice';
import { voidInvoice } from '$domain/invoices/void-invoice';
import { todayIn } from '$domain/calendar';
import { minorToInput } from '$domain/money';
import { METHOD_LABELS } from '$domain/payments/payment-methods';
import { recordManualPayment } from '$domain/payments/record-manual-payment';
import { reverseManualPayment } from '$domain/payments/reverse-manual-payment';
import { listRecipients } from '$domain/notifications/list-recipients';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getInvoice({ ...scope, invoiceId: params.id }));
	const sendable = ['draft', 'sent', 'partially_paid'].includes(detail.invoice.status);
	return {
		...detail,
		recipients: sendable ? await listRecipients({ ...scope, clientId: detail.invoice.clientId }) : [],
		totals: totalsRows(detail),
		portalUrl: locals.services.urls.portal(scope.workspace, `/invoices/${params.id}`),
		created: url.searchParams.has('created'),
		// The "Record payment" form: what is due as typed text, today, and a fresh id so a resubmitted form records once.
		paymentForm: {
			// With a schedule, the next instalment's remainder; else everything due.
			amount: minorToInput(detail.nextInstalment?.remainingMinor ?? detail.amountDueMinor, detail.invoice.currency),
			paidOn: todayIn(scope.workspace.timezone, locals.services.clock.now()),
			methods: Object.entries(METHOD_LABELS).map(([value, label]) => ({ value, label })),
			requestId: crypto.randomUUID()
		}
	};
};

export const actions = {
	send: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => sendInvoice({ ...scope, invoiceId: params.id, input: values }), values);
		return result && 'recipients' in result
			? { sent: true, reminder: result.reminder, recipients: result.recipients }
			: result;
	},
	recordPayment: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(
			() => recordManualPayment({ ...scope, invoiceId: params.id, input: values }),
			values
		);
		return result && 'paymentId' in result
			? { recorded: true, duplicate: result.duplicate, amountMinor: result.amountMinor }
			: result;
	},
	reversePayment: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const paymentId = String((await request.formData()).get('paymentId') ?? '');
		const result = await actionOrFail(() => reverseManualPayment({ ...scope, invoiceId: params.id, paymentId }));
		return result && 'paymentId' in result
			? { reversed: true, duplicate: result.duplicate, amountMinor: result.amountMinor }
			: result;
	},
	void: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		const result = await actionOrFail(() => voidInvoice({ ...scope, invoiceId: params.id }));
		return result && 'number' in result ? { voided: true } : result;
	}
};
