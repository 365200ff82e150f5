import { createCustomHostnamesClient, type CustomHostnamesClient } from '../../services/custom-hostnames';
import type { Services } from '../../services';

/**
 * How custom domains are provisioned on this deployment:
 *  - 'cloudflare': CF_ZONE_ID and CF_API_TOKEN are set; Cloudflare for SaaS verifies and issues the certificate;
 *  - 'stand-in': local development without them; "Check now" marks the domain verified so the flow can be seen;
 *  - 'manual': production without them; the operator adds the hostname in Cloudflare by hand (README) and the
 *    domain stays pending here until they do and set the variables.
 */
export type DomainProvider =
	{ kind: 'cloudflare'; client: CustomHostnamesClient } | { kind: 'stand-in' } | { kind: 'manual' };

export function domainProvider(services: Pick<Services, 'config' | 'fetch'>): DomainProvider {
	const cf = services.config.cloudflare;
	if (cf)
		return {
			kind: 'cloudflare',
			client: createCustomHostnamesClient({ fetch: services.fetch, zoneId: cf.zoneId, apiToken: cf.apiToken })
		};
	return services.config.isDevelopment ? { kind: 'stand-in' } : { kind: 'manual' };
}

/** Active only when Cloudflare has verified ownership and the certificate is live. */
export function isLive(status: string, sslStatus: string): boolean {
	return status === 'active' && sslStatus === 'active';
}
