import { and, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users } from '../../../db/schema';
import { activityInsertWhere } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { anotherOwnerRemains } from './owner-guard';
import { LAST_OWNER_MESSAGE, roleSchema } from './team-input';

const inputSchema = z.object({ role: roleSchema });

/**
 * Owners change a member's role. Stepping an owner down is one conditional
 * UPDATE that only applies while another accepted owner remains, so two owners
 * demoting each other at once cannot leave the workspace without one.
 */
export async function changeMemberRole(opts: Scope & { membershipId: string; input: unknown }) {
	const owner = requireOwner(opts.actor);
	const db = opts.services.db;
	const member = await db
		.select({
			id: memberships.id,
			role: memberships.role,
			userId: memberships.userId,
			name: users.name,
			acceptedAt: memberships.acceptedAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(staffScope(memberships, opts), eq(memberships.id, opts.membershipId)))
		.get();
	if (!member) throw notFound('That team member');
	const { role } = parseInput(inputSchema, opts.input);
	if (role === member.role) return { role, changed: false };

	// Promoting is always fine; demoting (or an unaccepted owner changing) needs another owner to remain.
	const guard =
		role === 'owner' ? sql`1 = 1` : or(sql`${memberships.acceptedAt} is null`, anotherOwnerRemains(opts.workspace.id))!;
	const [update] = await db.batch([
		db
			.update(memberships)
			.set({ role })
			.where(
				and(
					eq(memberships.id, member.id),
					eq(memberships.workspaceId, opts.workspace.id),
					eq(memberships.role, member.role),
					guard
				)
			),
		activityInsertWhere(
			opts,
			{
				verb: 'team.role_changed',
				summary: `${owner.name} made ${member.name} ${role === 'owner' ? 'an owner' : 'a member'}`,
				subjectType: 'user',
				subjectId: member.userId
			},
			sql`exists (select 1 from memberships where id = ${member.id} and role = ${role})`
		)
	]);
	if (!update.meta.changes) throw new AppError('conflict', LAST_OWNER_MESSAGE);
	return { role, changed: true };
}
