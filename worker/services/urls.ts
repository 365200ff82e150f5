import type { AppConfig } from './config';

export type PortalAddress = { slug: string; customDomain?: string | null };

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
			(workspace.customDomain && !dev ? `https://${workspace.customDomain}` : origin(`${workspace.slug}.${config.portalDomain}`)) + path
	};
}
