import { error } from '@sveltejs/kit';
import { readLogo } from '$domain/branding/read-logo';
import { portalScope } from '$lib/server/kit';

/**
 * The workspace logo, public like the rest of its branding (emails load it
 * too). The URL carries ?v=<version>; the current version is cached for good.
 */
export const GET = async ({ locals, url, request }) => {
	const scope = portalScope(locals);
	const logo = await readLogo({ services: scope.services, workspace: scope.workspace, input: url.searchParams });
	if (!logo) error(404, { message: 'This portal has no logo.' });
	const cacheControl = logo.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
	if (request.headers.get('if-none-match') === logo.etag) {
		await logo.body.cancel();
		return new Response(null, { status: 304, headers: { etag: logo.etag, 'cache-control': cacheControl } });
	}
	return new Response(logo.body, {
		headers: {
			'content-type': logo.contentType,
			'cache-control': cacheControl,
			etag: logo.etag,
			'content-security-policy': "default-src 'none'"
		}
	});
};
