import type { AppConfig } from './config';

/** A custom domain is used only once it is active (verified, certificate issued); until then the slug subdomain. */
export type PortalAddress = { slug: string; customDomain?: string | null; customDomainStatus?: string | null };

/** Absolute URLs for links in emails and PDFs. Development uses http and DEV_PORT. */
export interface Urls {
	app(path?: string): string;
	portal(workspace: PortalAddress, path?: string): string;
}

export function createUrls(config: AppConfig): Urls {
	const dev = config.isDevelopment;
	const origin = (host: string) => (dev ? `http://${host}:${config.devPort}` : `https://${host}`);
	return {
		app: (path = '/') => origin(config.appHost) + path,
		portal: (workspace, path = '/') =>
			origin(
				workspace.customDomain && workspace.customDomainStatus === 'active'
					? workspace.customDomain
					: `${workspace.slug}.${config.portalDomain}`
			) + path
	};
}
