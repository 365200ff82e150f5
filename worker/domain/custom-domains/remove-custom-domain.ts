import { and, eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError, viaService } from '../errors';
import type { Scope } from '../scope';
import { released } from './connect-custom-domain';
import { domainProvider } from './custom-domain-provider';

/** Disconnects the domain: Cloudflare stops serving it, and the portal answers only on the slug subdomain again. */
export async function removeCustomDomain(scope: Scope) {
	const owner = requireOwner(scope.actor);
	const { services } = scope;
	const db = services.db;
	const workspace = await db.select().from(workspaces).where(eq(workspaces.id, scope.workspace.id)).get();
	if (!workspace?.customDomain) throw new AppError('conflict', 'There is no domain to remove.');
	const provider = domainProvider(services);
	if (provider.kind === 'cloudflare' && workspace.customDomainProviderId) {
		const id = workspace.customDomainProviderId;
		await viaService(() => provider.client.remove(id));
	}
	await db.batch([
		db
			.update(workspaces)
			.set({ ...released, updatedAt: services.clock.now() })
			.where(and(eq(workspaces.id, workspace.id), eq(workspaces.customDomain, workspace.customDomain))),
		activityInsert(scope, {
			verb: 'custom_domain.removed',
			summary: `${owner.name} removed the domain ${workspace.customDomain}`,
			subjectType: 'workspace',
			subjectId: workspace.id
		})
	]);
	return { removed: workspace.customDomain };
}
