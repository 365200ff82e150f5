import { getAutopayMandate } from '$domain/payments/autopay/get-autopay-mandate';
import { staffRevokeAutopay } from '$domain/payments/autopay/staff-revoke-autopay';
import { getRecurringInvoice } from '$domain/recurring/get-recurring-invoice';
import {
	endRecurringInvoice,
	pauseRecurringInvoice,
	resumeRecurringInvoice
} from '$domain/recurring/set-recurring-status';
import { actionOrFail, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	// Asked for together: the read batcher sends both in one round trip.
	const [detail, autopay] = await loadOrError(() =>
		Promise.all([
			getRecurringInvoice({ ...scope, recurringId: params.id }),
			getAutopayMandate({ ...scope, recurringId: params.id })
		])
	);
	return { detail, autopay, created: url.searchParams.has('created') };
};

export const actions = {
	pause: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({
			done: 'Paused: no invoices are made until you resume it.',
			...(await pauseRecurringInvoice({ ...scope, recurringId: params.id }))
		}));
	},
	resume: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			const result = await resumeRecurringInvoice({ ...scope, recurringId: params.id });
			return {
				done:
					result.status === 'ended'
						? 'It had already reached its end, so it has ended.'
						: 'Resumed. Periods that passed while paused are skipped.',
				...result
			};
		});
	},
	end: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({
			done: 'Ended: no more invoices will be made.',
			...(await endRecurringInvoice({ ...scope, recurringId: params.id }))
		}));
	},
	stopAutopay: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			const { revoked } = await staffRevokeAutopay({ ...scope, recurringId: params.id });
			return {
				done: revoked
					? 'Autopay is off: nothing will be charged automatically. The client has been emailed.'
					: 'Autopay was already off.'
			};
		});
	}
};
