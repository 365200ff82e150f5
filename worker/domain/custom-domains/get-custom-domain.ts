import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { routedHere } from './custom-domain-input';
import { domainProvider } from './custom-domain-provider';

export type DnsRecord = { type: 'CNAME' | 'TXT'; name: string; value: string; purpose: string };

/** Settings -> Domain: the connected hostname, the DNS records to add, and where verification and the certificate stand. */
export async function getCustomDomain(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const { services } = scope;
	// Read again: after a form action on this request, the request's copy is out of date.
	const ws =
		(await services.db.select().from(workspaces).where(eq(workspaces.id, scope.workspace.id)).get()) ?? scope.workspace;
	const provider = domainProvider(services).kind;
	const slugUrl = services.urls.portal({ slug: ws.slug });
	if (!ws.customDomain) return { domain: null, provider, slugUrl, canEdit: staff.role === 'owner' };
	const records: DnsRecord[] = [
		{
			type: 'CNAME',
			name: ws.customDomain,
			value: services.config.customDomainTarget,
			purpose: 'Sends the portal’s visitors to CoPortal.'
		}
	];
	if (ws.customDomainTxtName && ws.customDomainTxtValue)
		records.push({
			type: 'TXT',
			name: ws.customDomainTxtName,
			value: ws.customDomainTxtValue,
			purpose: 'Proves the domain is yours.'
		});
	// false: the shard directory does not send this domain here yet, so nothing uses it.
	const routed = routedHere(services, ws.customDomain) === true;
	return {
		domain: {
			hostname: ws.customDomain,
			status: ws.customDomainStatus ?? 'pending',
			sslStatus: ws.customDomainSslStatus ?? 'pending',
			checkedAt: ws.customDomainCheckedAt,
			verifiedAt: ws.customDomainVerifiedAt,
			routed,
			url: ws.customDomainStatus === 'active' && routed ? services.urls.portal(ws) : null,
			records
		},
		provider,
		slugUrl,
		canEdit: staff.role === 'owner'
	};
}
