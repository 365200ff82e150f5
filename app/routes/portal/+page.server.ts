import { getPortalHome } from '$domain/projects/get-portal-home';
import { clientScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = clientScope(locals, url);
	return await getPortalHome({ ...scope, input: url.searchParams });
};
