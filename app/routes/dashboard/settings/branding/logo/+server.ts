import { error } from '@sveltejs/kit';
import { readLogo } from '$domain/branding/read-logo';
import { staffScope } from '$lib/server/kit';

/** The logo for the settings preview on the dashboard (the portal serves it at /branding/logo). */
export const GET = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const logo = await readLogo({ services: scope.services, workspace: scope.workspace });
	if (!logo) error(404, { message: 'No logo yet.' });
	return new Response(logo.body, {
		headers: { 'content-type': logo.contentType, 'cache-control': 'private, max-age=60', etag: logo.etag }
	});
};
