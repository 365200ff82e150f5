import { and, eq, isNull } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { randomToken } from '../../services/crypto';
import { isUniqueViolation } from '../../services/db';
import { activityInsert } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError, parseInput, viaService } from '../errors';
import type { Scope } from '../scope';
import { customDomainSchema, routedHere } from './custom-domain-input';
import { domainProvider, isLive } from './custom-domain-provider';

const TAKEN = 'This domain is already connected to another workspace.';
const NOT_ROUTED =
	'This workspace is kept in one of our other databases, so we route its domains by hand: write to us and we will set this one up.';

/**
 * An owner claims a hostname for the portal. The claim is written first (the unique index
 * makes one workspace its holder), then Cloudflare is asked to provision it; if Cloudflare
 * refuses, the claim is released. It serves nothing until verified (check-custom-domain.ts).
 */
export async function connectCustomDomain(opts: Scope & { input: unknown }) {
	const owner = requireOwner(opts.actor);
	const { services, workspace } = opts;
	const { hostname } = parseInput(customDomainSchema(services.config), opts.input);
	// The request for a host goes to the shard the directory names (request-context.ts): a domain
	// it does not send here would show "no portal" on every link we email once it went live.
	const routed = routedHere(services, hostname);
	if (routed !== true) {
		const message = routed === 'elsewhere' ? TAKEN : NOT_ROUTED;
		throw new AppError('validation_failed', message, { fields: { hostname: message } });
	}
	const db = services.db;
	const now = services.clock.now();
	const manualTxt = { name: `_coportal.${hostname}`, value: `coportal-verify=${randomToken(16)}` };
	try {
		const claimed = await db
			.update(workspaces)
			.set({
				customDomain: hostname,
				customDomainStatus: 'pending',
				customDomainProviderId: null,
				customDomainSslStatus: 'pending',
				customDomainTxtName: manualTxt.name,
				customDomainTxtValue: manualTxt.value,
				customDomainCheckedAt: null,
				customDomainVerifiedAt: null,
				updatedAt: now
			})
			.where(and(eq(workspaces.id, workspace.id), isNull(workspaces.customDomain)))
			.run();
		if (claimed.meta.changes === 0)
			throw new AppError('conflict', 'Remove the current domain before connecting another.');
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError('validation_failed', TAKEN, { fields: { hostname: TAKEN } });
		throw error;
	}
	const provider = domainProvider(services);
	if (provider.kind === 'cloudflare') {
		try {
			const created = await viaService(() => provider.client.create(hostname));
			await db
				.update(workspaces)
				.set({
					customDomainProviderId: created.id,
					customDomainSslStatus: created.sslStatus,
					customDomainStatus: isLive(created.status, created.sslStatus) ? 'active' : 'pending',
					...(created.ownership
						? { customDomainTxtName: created.ownership.name, customDomainTxtValue: created.ownership.value }
						: {}),
					customDomainCheckedAt: now
				})
				.where(eq(workspaces.id, workspace.id));
		} catch (error) {
			await db
				.update(workspaces)
				.set(released)
				.where(and(eq(workspaces.id, workspace.id), eq(workspaces.customDomain, hostname)));
			throw error;
		}
	}
	await activityInsert(opts, {
		verb: 'custom_domain.connected',
		summary: `${owner.name} connected the domain ${hostname}`,
		subjectType: 'workspace',
		subjectId: workspace.id
	});
	return { hostname };
}

/** Every custom-domain column back to "no domain". */
export const released = {
	customDomain: null,
	customDomainStatus: null,
	customDomainProviderId: null,
	customDomainSslStatus: null,
	customDomainTxtName: null,
	customDomainTxtValue: null,
	customDomainCheckedAt: null,
	customDomainVerifiedAt: null
} as const;
