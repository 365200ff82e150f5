import { redirect } from '@sveltejs/kit';
import { minorToInput } from '$domain/money';
import { deleteTimeEntry } from '$domain/time/delete-time-entry';
import { durationInput } from '$domain/time/duration';
import { getTimeEntry } from '$domain/time/get-time-entry';
import { updateTimeEntry } from '$domain/time/update-time-entry';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const entry = await loadOrError(() =>
		getTimeEntry({ ...scope, input: { entryId: params.entryId, projectId: params.id } })
	);
	return {
		entry: { id: entry.id, billed: Boolean(entry.invoiceId), running: Boolean(entry.timerStartedAt) },
		values: {
			date: entry.date,
			duration: durationInput(entry.minutes),
			description: entry.description,
			billable: entry.billable,
			rate: minorToInput(entry.rateMinor, entry.currency),
			currency: entry.currency
		}
	};
};

export const actions = {
	save: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const failure = await actionOrFail(
			async () => void (await updateTimeEntry({ ...scope, input: { ...values, entryId: params.entryId } })),
			values
		);
		if (failure) return failure;
		redirect(303, `/projects/${params.id}/time`);
	},
	delete: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		const failure = await actionOrFail(
			async () => void (await deleteTimeEntry({ ...scope, input: { entryId: params.entryId } }))
		);
		if (failure) return failure;
		redirect(303, `/projects/${params.id}/time`);
	}
};
