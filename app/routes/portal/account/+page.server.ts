import { clientScope } from '$lib/server/kit';
import { ownTimeZonePage, saveOwnTimeZoneAction } from '$lib/server/own-time-zone-page';

/** The signed-in contact's own settings: the time zone they read dates and times in. */
export const load = ({ locals, url }) => ownTimeZonePage(clientScope(locals, url), url);

export const actions = {
	default: async ({ locals, url, request }) => saveOwnTimeZoneAction(clientScope(locals, url), request, '/account')
};
