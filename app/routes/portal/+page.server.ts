import { getPortalHome } from '$domain/projects/get-portal-home';
import { clientScope } from '$lib/server/kit';
import { renderedOnServer } from '$lib/server-rendered';

export const load = async ({ isDataRequest, locals, url }) => {
	const scope = clientScope(locals, url);
	// `attention` (the counts) comes from the layout; the list is the home's own.
	const { attention, ...home } = await getPortalHome({ ...scope, input: url.searchParams });
	return renderedOnServer({ isDataRequest }, { ...home, attentionItems: attention });
};
