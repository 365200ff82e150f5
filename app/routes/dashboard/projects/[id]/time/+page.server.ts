import { minorToInput } from '$domain/money';
import { listProjectTime } from '$domain/time/list-project-time';
import { logTime } from '$domain/time/log-time';
import { startTimer } from '$domain/time/start-timer';
import { stopTimer } from '$domain/time/stop-timer';
import { todayIn } from '$domain/calendar';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const time = await loadOrError(() =>
		listProjectTime({ ...scope, input: { projectId: params.id, page: url.searchParams.get('page') ?? undefined } })
	);
	// The project's rate, else the workspace's default, else the rate last used here; billable when there is one.
	const preset =
		'defaultRate' in time && time.defaultRate !== null
			? { rateMinor: time.defaultRate, currency: scope.workspace.defaultCurrency }
			: (time.lastRate ?? null);
	const currency = preset?.currency ?? scope.workspace.defaultCurrency;
	return {
		...time,
		defaults: {
			date: todayIn(scope.workspace.timezone, scope.services.clock.now()),
			currency,
			rate: preset ? minorToInput(preset.rateMinor, currency) : '',
			billable: (preset?.rateMinor ?? 0) > 0
		},
		now: scope.services.clock.now()
	};
};

export const actions = {
	log: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => {
				await logTime({ ...scope, input: { ...values, projectId: params.id } });
				return { form: 'log', done: 'Time logged.' };
			},
			{ ...values, form: 'log' }
		);
	},
	start: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => {
				await startTimer({ ...scope, input: { ...values, projectId: params.id } });
				return { form: 'timer', done: 'Timer started.' };
			},
			{ ...values, form: 'timer' }
		);
	},
	stop: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(
			async () => {
				const stopped = await stopTimer(scope);
				return {
					form: 'timer',
					done: `Timer stopped: ${stopped.addedMinutes} minute${stopped.addedMinutes === 1 ? '' : 's'} added.`
				};
			},
			{ form: 'timer' }
		);
	}
};
