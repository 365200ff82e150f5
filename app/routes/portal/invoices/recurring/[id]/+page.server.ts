import { autopayOptions } from '$domain/payments/autopay/autopay-options';
import { enableAutopay } from '$domain/payments/autopay/enable-autopay';
import { revokeAutopay } from '$domain/payments/autopay/revoke-autopay';
import { getRecurringInvoice } from '$domain/recurring/get-recurring-invoice';
import { actionOrFail, clientIp, clientScope, formObject, loadOrError } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

/** A recurring invoice the client is billed on: what, how often, the next dates and the invoices so far; and autopay. */
export const load = async ({ isDataRequest, locals, url, params }) => {
	const scope = clientScope(locals, url);
	const [detail, autopay] = await loadOrError(() =>
		Promise.all([
			getRecurringInvoice({ ...scope, recurringId: params.id }),
			autopayOptions({ ...scope, recurringId: params.id })
		])
	);
	const { mandate, cardLabel, consentText } = autopay;
	return renderedOnServer(
		{ isDataRequest },
		{
			detail,
			autopay: { on: mandate ? { card: mandate.authLabel, since: mandate.consentedAt } : null, cardLabel, consentText }
		}
	);
};

export const actions = {
	/** Autopay on: only with the consent box ticked (the text is recorded with time, person and IP). */
	autopay: async ({ locals, url, params, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return await actionOrFail(
			async () => (
				await enableAutopay({ ...scope, recurringId: params.id, input: values, ip: clientIp(locals) }),
				{ autopayOn: true as const }
			),
			values
		);
	},
	stopAutopay: async ({ locals, url, params }) => {
		const scope = clientScope(locals, url);
		return await actionOrFail(
			async () => (await revokeAutopay({ ...scope, recurringId: params.id }), { autopayOff: true as const })
		);
	}
};
