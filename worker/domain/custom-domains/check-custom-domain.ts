import { and, eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { activityInsertIfChanged } from '../activity/record-activity';
import { requireOwner, SCHEDULER_ACTOR } from '../actor';
import { AppError, viaService } from '../errors';
import type { Scope, Workspace } from '../scope';
import { routedHere } from './custom-domain-input';
import { domainProvider, isLive } from './custom-domain-provider';

/** "Check now" in Settings: asks where the domain stands and records it (the cron does the same for pending domains). */
export async function checkCustomDomain(scope: Scope) {
	requireOwner(scope.actor);
	const workspace = await scope.services.db
		.select()
		.from(workspaces)
		.where(eq(workspaces.id, scope.workspace.id))
		.get();
	if (!workspace?.customDomain) throw new AppError('conflict', 'Connect a domain first.');
	return refreshDomain(scope.services, workspace, { standInVerifies: true });
}

/**
 * Reads the hostname's state and writes it; the portal starts answering on it the moment it is
 * 'active'. Cloudflare reports ownership and certificate; the development stand-in verifies when
 * a person presses "Check now" (never from the cron); the manual path has nothing to ask.
 */
export async function refreshDomain(services: Services, workspace: Workspace, opts: { standInVerifies: boolean }) {
	const provider = domainProvider(services);
	const now = services.clock.now();
	const hostname = workspace.customDomain!;
	let state: { status: 'pending' | 'active'; sslStatus: string; errors: string[] };
	if (provider.kind === 'cloudflare' && workspace.customDomainProviderId) {
		const found = await viaService(() => provider.client.get(workspace.customDomainProviderId!));
		state = {
			status: isLive(found.status, found.sslStatus) ? 'active' : 'pending',
			sslStatus: found.sslStatus,
			errors: found.errors
		};
	} else if (provider.kind === 'stand-in' && opts.standInVerifies) {
		state = { status: 'active', sslStatus: 'active', errors: [] };
	} else {
		state = {
			status: workspace.customDomainStatus === 'active' ? 'active' : 'pending',
			sslStatus: workspace.customDomainSslStatus ?? 'pending',
			errors: []
		};
	}
	// Live only where the shard directory sends the hostname to this workspace's shard; until then
	// its requests would find no portal (connect-custom-domain.ts refuses such a domain up front).
	if (routedHere(services, hostname) !== true)
		state = {
			status: 'pending',
			sslStatus: state.sslStatus,
			errors: [...state.errors, 'We have not routed this domain to your workspace yet: write to us to finish it.']
		};
	const becameActive = state.status === 'active' && workspace.customDomainStatus !== 'active';
	const db = services.db;
	// Only while the same hostname is still connected: a removal in between is not undone.
	const write = db
		.update(workspaces)
		.set({
			customDomainStatus: state.status,
			customDomainSslStatus: state.sslStatus,
			customDomainCheckedAt: now,
			...(becameActive ? { customDomainVerifiedAt: now } : {})
		})
		.where(and(eq(workspaces.id, workspace.id), eq(workspaces.customDomain, hostname)));
	if (becameActive) {
		await db.batch([
			write,
			activityInsertIfChanged(
				{ services, workspace, actor: SCHEDULER_ACTOR },
				{
					verb: 'custom_domain.verified',
					summary: `The domain ${hostname} is verified and serves the portal`,
					subjectType: 'workspace',
					subjectId: workspace.id
				}
			)
		]);
	} else await write;
	return { hostname, ...state };
}
