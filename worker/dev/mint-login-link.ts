import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, users, workspaces } from '../../db/schema';
import { issueLoginToken, verifyPath } from '../domain/auth/issue-login-link';
import { AppError, parseInput } from '../domain/errors';
import type { Services } from '../services';
import { shardOf } from '../services/shards';
import { findOnStaffShard } from '../domain/auth/staff-shard';

const mintInput = z.object({
	email: z.string().toLowerCase(),
	workspace: z.string().optional(),
	ttlSeconds: z.number().int().default(3600)
});

/**
 * Development only: a sign-in link with a chosen lifetime (negative: already expired), so the
 * browser tests can sign in without the inbox and open an expired link. With `workspace`, the
 * link signs in that workspace's client contact; without, the staff user. Same token path as
 * the real thing (issueLoginToken), on the workspace's or the person's shard.
 */
export async function mintLoginLink(opts: { services: Services; input: unknown }): Promise<{ url: string }> {
	const input = parseInput(mintInput, opts.input);
	const ttlMs = input.ttlSeconds * 1000;
	if (input.workspace) {
		const services = opts.services.onShard(shardOf(opts.services.config.shardDirectory, input.workspace));
		const workspace = await services.db.query.workspaces.findFirst({ where: eq(workspaces.slug, input.workspace) });
		if (!workspace) throw new AppError('not_found', 'No such workspace.');
		const contact = await services.db.query.clientContacts.findFirst({ where: eq(clientContacts.email, input.email) });
		if (!contact || contact.workspaceId !== workspace.id)
			throw new AppError('not_found', 'No such contact in that workspace.');
		const token = await issueLoginToken(
			services,
			{
				kind: 'client',
				workspaceId: workspace.id,
				contactId: contact.id,
				clientId: contact.clientId,
				email: input.email
			},
			ttlMs
		);
		return { url: services.urls.portal(workspace, verifyPath(token)) };
	}
	const at = await findOnStaffShard(opts.services, (on) =>
		on.db.query.users.findFirst({ where: eq(users.email, input.email) })
	);
	if (!at) throw new AppError('not_found', 'No such user.');
	const { services, found: user } = at;
	const token = await issueLoginToken(
		services,
		{ kind: 'staff', workspaceId: null, userId: user.id, email: input.email },
		ttlMs
	);
	return { url: services.urls.app(verifyPath(token)) };
}
