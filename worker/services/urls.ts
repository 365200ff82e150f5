import type { AppConfig } from './config';
import { hostRoute } from './shards';

/**
 * A custom domain is used only once it is active (verified, certificate issued) and the shard
 * directory sends its requests to the workspace's shard (request-context.ts); otherwise the slug
 * subdomain, which always reaches it. So a domain live from before the directory check
 * (custom-domains/custom-domain-input.ts), or dropped from the directory since, never
 * puts a dead link in an email or PDF.
 */
export type PortalAddress = { slug: string; customDomain?: string | null; customDomainStatus?: string | null };

/** Absolute URLs for links in emails and PDFs. Development uses http and DEV_PORT. */
export interface Urls {
	app(path?: string): string;
	portal(workspace: PortalAddress, path?: string): string;
}

export function createUrls(config: AppConfig, shard: string): Urls {
	const dev = config.isDevelopment;
	const origin = (host: string) => (dev ? `http://${host}:${config.devPort}` : `https://${host}`);
	return {
		app: (path = '/') => origin(config.appHost) + path,
		portal: (workspace, path = '/') =>
			origin(
				workspace.customDomain &&
					workspace.customDomainStatus === 'active' &&
					hostRoute(config.shardDirectory, workspace.customDomain, shard) === true
					? workspace.customDomain
					: `${workspace.slug}.${config.portalDomain}`
			) + path
	};
}
