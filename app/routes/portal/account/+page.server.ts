import { redirect } from '@sveltejs/kit';
import { setOwnTimeZone } from '$domain/profile/set-own-time-zone';
import { timeZoneOptions } from '$domain/time-zones';
import { actionOrFail, clientScope, formObject } from '$lib/server/kit';

/** The signed-in contact's own settings: the time zone they read dates and times in. */
export const load = ({ locals, url }) => {
	const { actor, workspace } = clientScope(locals, url);
	return {
		own: actor.timezone ?? null,
		workspaceZone: workspace.timezone,
		timeZones: timeZoneOptions(locals.services.clock.now(), actor.timezone),
		saved: url.searchParams.has('saved'),
		now: locals.services.clock.now()
	};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		// Saved: a fresh request (redirect), so the whole page and the layout's zone show the new choice.
		return actionOrFail(async () => {
			await setOwnTimeZone({ ...scope, input: values });
			redirect(303, '/account?saved');
		}, values);
	}
};
