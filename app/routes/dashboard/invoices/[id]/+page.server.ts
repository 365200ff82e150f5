import { getInvoice } from '$domain/invoices/get-invoice';
import { totalsRows } from '$domain/invoices/invoice-pdf';
import { sendInvoice } from '$domain/invoices/send-invoice';
import { voidInvoice } from '$domain/invoices/void-invoice';
import { actionOrFail, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getInvoice({ ...scope, invoiceId: params.id }));
	return { ...detail, totals: totalsRows(detail), portalUrl: locals.services.urls.portal(scope.workspace, `/invoices/${params.id}`), created: url.searchParams.has('created') };
};

export const actions = {
	send: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		const result = await actionOrFail(() => sendInvoice({ ...scope, invoiceId: params.id }));
		return result && 'recipients' in result ? { sent: true, reminder: result.reminder, recipients: result.recipients } : result;
	},
	void: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		const result = await actionOrFail(() => voidInvoice({ ...scope, invoiceId: params.id }));
		return result && 'number' in result ? { voided: true } : result;
	}
};
