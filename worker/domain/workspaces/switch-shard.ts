import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { randomToken, sha256Hex } from '../../services/crypto';
import { askShards } from '../../services/ask-shards';
import { allShards, isKnownShard } from '../../services/shards';
import { requireStaff, type Actor } from '../actor';
import { signInWithGrant, type ConsumeResult } from '../auth/consume-login-link';
import { AppError, notFound, parseInput } from '../errors';
import { hitRateLimits } from '../security/rate-limit';

/**
 * A staff member's workspaces on other D1 shards (services/shards.ts). Staff accounts live on
 * their workspace's shard, so someone in workspaces on two shards has an account on each, under
 * the same email address; the session (and its cookie) is on one. Opening a workspace on another
 * shard signs them in there, with the same rules as an email link to that address: the session
 * here proves the address as the link would (a staff email cannot be changed, and every staff
 * session started from it), and the target's second-factor rules apply (a pending session).
 */
export type OtherShardWorkspace = { shard: string; id: string; name: string; slug: string; role: string };

/** Whether this Worker has more than one shard: only then can anyone have workspaces elsewhere. */
export function hasOtherShards(services: Services): boolean {
	return allShards(services.config.shardDirectory).length > 1;
}

const membershipsByEmail = (on: Services, email: string, workspaceId?: string) =>
	on.db
		.select({
			userId: users.id,
			id: workspaces.id,
			name: workspaces.name,
			slug: workspaces.slug,
			role: memberships.role
		})
		.from(users)
		.innerJoin(memberships, eq(memberships.userId, users.id))
		.innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
		.where(
			and(
				eq(users.email, email),
				// An invitation is not a workspace they are in: it is accepted from its own email.
				isNotNull(memberships.acceptedAt),
				workspaceId ? eq(workspaces.id, workspaceId) : undefined
			)
		)
		.orderBy(asc(workspaces.name));

/**
 * The signed-in staff member's workspaces on every other shard, asked together (one point read
 * each, on indexed columns). Only the "your workspaces" page asks, not every dashboard page. A
 * shard that does not answer is left out of the list, not an error.
 */
export async function listWorkspacesOnOtherShards(opts: {
	services: Services;
	actor: Actor;
}): Promise<OtherShardWorkspace[]> {
	const staff = requireStaff(opts.actor);
	const others = allShards(opts.services.config.shardDirectory).filter((shard) => shard !== opts.services.shard);
	const { answered } = await askShards(opts.services, others, 'workspace list', (on) =>
		membershipsByEmail(on, staff.email)
	);
	return answered.flatMap(({ shard, value }) =>
		value.map(({ userId: _userId, ...workspace }) => ({ shard, ...workspace }))
	);
}

/**
 * Each opening writes a session and a line in the target's security feed: a person may open
 * workspaces elsewhere this often an hour (counted on their own shard, like their session).
 */
export const SWITCHES_PER_HOUR = 30;

const switchInput = z.object({
	workspaceId: z.string().trim().min(1, 'Choose a workspace.').max(100),
	shard: z.string().trim().min(1).max(100)
});

type SignedIn = Extract<ConsumeResult, { status: 'signed_in' }>;

/**
 * Opens one of the staff member's workspaces on another shard: a session there for their account
 * with the same email address, used at once (auth/consume-login-link.ts signInWithGrant, as a
 * link would be, without an email). The caller ends this session and sets the new cookie.
 * A workspace they are not a member of, or a shard this Worker does not list, is not found.
 */
export async function switchToOtherShard(opts: {
	services: Services;
	actor: Actor;
	input: unknown;
	ip: string | null;
	userAgent: string | null;
}): Promise<SignedIn> {
	const staff = requireStaff(opts.actor);
	const input = parseInput(switchInput, opts.input);
	const { services } = opts;
	if (input.shard === services.shard || !isKnownShard(services.config.shardDirectory, input.shard))
		throw notFound('That workspace');
	const limit = await hitRateLimits(
		services.db,
		[{ key: `shard-switch:user:${staff.userId}`, limit: SWITCHES_PER_HOUR, windowMs: 60 * 60 * 1000 }],
		services.clock.now()
	);
	if (!limit.allowed)
		throw new AppError('rate_limited', 'You have opened workspaces many times in the last hour. Please wait a while.', {
			retryAfterSeconds: limit.retryAfterSeconds
		});
	const on = services.onShard(input.shard);
	const [member] = await membershipsByEmail(on, staff.email, input.workspaceId);
	if (!member) throw notFound('That workspace');
	const result = await signInWithGrant({
		request: services,
		services: on,
		payload: {
			kind: 'staff',
			workspaceId: member.id,
			userId: member.userId,
			email: staff.email,
			shard: input.shard,
			expiresAt: on.clock.now() + 60_000
		},
		// The grant's single use, recorded like a link's: a random id no one else can hold.
		hash: await sha256Hex(randomToken(32)),
		ip: opts.ip,
		userAgent: opts.userAgent,
		method: 'switch'
	});
	// Only a membership removed in the same instant gets here.
	if (result.status !== 'signed_in')
		throw new AppError('conflict', 'That workspace could not be opened just now. Please try again.');
	return result;
}
