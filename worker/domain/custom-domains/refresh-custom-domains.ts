import { and, eq, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { refreshDomain } from './check-custom-domain';

/** How often the cron asks Cloudflare about one pending domain. */
const CHECK_EVERY_MS = 5 * 60_000;

/** The cron: asks Cloudflare about pending domains (a few per run), so one goes live without anyone pressing "Check now". */
export async function refreshPendingCustomDomains(services: Services, limit = 10): Promise<number> {
	if (!services.config.cloudflare) return 0;
	const pending = await services.db
		.select()
		.from(workspaces)
		.where(
			and(
				eq(workspaces.customDomainStatus, 'pending'),
				isNotNull(workspaces.customDomainProviderId),
				or(
					isNull(workspaces.customDomainCheckedAt),
					lte(workspaces.customDomainCheckedAt, services.clock.now() - CHECK_EVERY_MS)
				)
			)
		)
		.orderBy(workspaces.customDomainCheckedAt)
		.limit(limit);
	for (const workspace of pending) {
		try {
			await refreshDomain(services, workspace, { standInVerifies: false });
		} catch (error) {
			console.warn('custom domain check failed', workspace.customDomain, error);
		}
	}
	return pending.length;
}
