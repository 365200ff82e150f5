import { redirect } from '@sveltejs/kit';
import { setOwnTimeZone } from '$domain/profile/set-own-time-zone';
import { timeZoneOptions } from '$domain/time-zones';
import { actionOrFail, formObject, staffScope } from '$lib/server/kit';

export const load = ({ locals, url }) => {
	const { actor, workspace } = staffScope(locals, url);
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
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// Saved: a fresh request (redirect), so the whole page and the layout's zone show the new choice.
		return actionOrFail(async () => {
			await setOwnTimeZone({ ...scope, input: values });
			redirect(303, '/settings/profile?saved');
		}, values);
	}
};
