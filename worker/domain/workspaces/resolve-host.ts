import { normalizeHostname } from '../../services/hostname';

/** Which side of the product a hostname belongs to. Pure: used by the Worker, SvelteKit hooks and tests alike. */
export type HostTarget =
	{ side: 'dashboard' } | { side: 'portal'; slug: string } | { side: 'portal'; customDomain: string };

export function resolveHost(hostname: string, hosts: { appHost: string; portalDomain: string }): HostTarget {
	const host = normalizeHostname(hostname);
	if (host === normalizeHostname(hosts.appHost)) return { side: 'dashboard' };
	const suffix = `.${normalizeHostname(hosts.portalDomain)}`;
	if (host.endsWith(suffix)) {
		const label = host.slice(0, -suffix.length);
		// Only one label: a.b.portal.example.com is not a portal.
		if (label && !label.includes('.')) return { side: 'portal', slug: label };
	}
	return { side: 'portal', customDomain: host };
}
