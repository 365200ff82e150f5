import type { Reroute } from '@sveltejs/kit';
import { env } from '$env/dynamic/public';

/**
 * Two hosts, one app: the dashboard host maps to routes/dashboard, every other
 * host (a workspace's portal subdomain or custom domain) to routes/portal.
 * URLs stay clean (/login, /projects/x) while the folders say which side a page is on.
 */
export const reroute: Reroute = ({ url }) => {
	const appHost = (env.PUBLIC_APP_HOST ?? 'localhost').toLowerCase();
	const side = url.hostname.toLowerCase() === appHost ? 'dashboard' : 'portal';
	return `/${side}${url.pathname === '/' ? '' : url.pathname}`;
};
