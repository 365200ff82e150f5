import { z } from 'zod';
import type { Services } from '../../services';
import type { AppConfig } from '../../services/config';
import { hostRoute } from '../../services/shards';
import { normalizeHostname } from '../../services/hostname';
import { resolveHost } from '../workspaces/resolve-host';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A hostname the agency controls, like portal.agency.com: a subdomain (three labels or more,
 * because an apex cannot carry the CNAME), never one of ours (the dashboard, a portal slug host,
 * anything under our domains). Development allows `portal.agency.localhost` (the demo's and the
 * browser tests' second host: *.localhost reaches the dev server and keeps the dev tools on).
 */
export function customDomainSchema(config: Pick<AppConfig, 'appHost' | 'portalDomain' | 'isDevelopment'>) {
	const ours = (h: string) =>
		h === config.appHost ||
		h === config.portalDomain ||
		resolveHost(h, config).side === 'dashboard' ||
		'slug' in resolveHost(h, config) ||
		(!config.isDevelopment && (h.endsWith(`.${config.portalDomain}`) || h.endsWith(`.${config.appHost}`)));
	return z.object({
		hostname: z
			.string({ error: 'Enter a domain like portal.youragency.com.' })
			.trim()
			.transform((v) => normalizeHostname(v.replace(/^https?:\/\//i, '').replace(/\/.*$/, '')))
			.pipe(
				z
					.string()
					.min(1, 'Enter a domain like portal.youragency.com.')
					.max(253, 'That domain is too long.')
					.refine(
						(h) => h.split('.').every((label) => LABEL.test(label)),
						'Use letters, digits, hyphens and dots only, like portal.youragency.com.'
					)
					.refine(
						(h) => h.split('.').length >= 3,
						'Use a subdomain, like portal.youragency.com: the bare domain cannot point at the portal.'
					)
					.refine((h) => !ours(h), 'That is a CoPortal address, not your own domain.')
			)
	});
}

/**
 * Whether requests for `hostname` reach this workspace's shard (services/shards.ts hostRoute):
 * 'elsewhere' is another shard's (another workspace's domain); 'unlisted', this workspace is on
 * another shard and the directory does not name the domain yet.
 */
export function routedHere(services: Pick<Services, 'config' | 'shard'>, hostname: string) {
	return hostRoute(services.config.shardDirectory, hostname, services.shard);
}
