import { timeZoneOptions } from '$domain/time-zones';
import { COMMON_CURRENCIES, getWorkspaceSettings } from '$domain/workspaces/get-workspace-settings';
import { updateWorkspaceSettings } from '$domain/workspaces/update-workspace-settings';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return {
		settings: await loadOrError(() => getWorkspaceSettings(scope)),
		currencies: COMMON_CURRENCIES,
		timeZones: timeZoneOptions(locals.services.clock.now(), scope.workspace.timezone)
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => ({ saved: await updateWorkspaceSettings({ ...scope, input: values }) }), values);
	}
};
