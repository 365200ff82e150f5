import { staffScope } from '$lib/server/kit';
import { ownTimeZonePage, saveOwnTimeZoneAction } from '$lib/server/own-time-zone-page';

/** The signed-in staff member's own settings: the time zone they read dates and times in. */
export const load = ({ locals, url }) => ownTimeZonePage(staffScope(locals, url), url);

export const actions = {
	default: async ({ locals, url, request }) =>
		saveOwnTimeZoneAction(staffScope(locals, url), request, '/settings/profile')
};
