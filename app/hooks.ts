import type { Reroute, Transport } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';
import { resolveHost } from '$domain/workspaces/resolve-host';
import { renderedOnServerTransport } from '$lib/server-rendered';

/**
 * Two hosts, one app: the dashboard host maps to routes/dashboard, every other
 * host (a workspace's portal subdomain or custom domain) to routes/portal.
 * URLs stay clean (/login, /projects/x) while the folders say which side a page is on.
 * The side comes from resolveHost, the same function the request context uses, so a
 * page and its session always agree on the side ("localhost." is the dashboard too).
 */
export const reroute: Reroute = ({ url }) => {
	const { side } = resolveHost(url.hostname, {
		appHost: env.PUBLIC_APP_HOST ?? 'localhost',
		portalDomain: env.PUBLIC_PORTAL_DOMAIN ?? 'localhost'
	});
	return `/${side}${url.pathname === '/' ? '' : url.pathname}`;
};

/** Page data only the server renders is not serialised for the browser (lib/server-rendered.ts). */
export const transport: Transport = { renderedOnServer: renderedOnServerTransport };
