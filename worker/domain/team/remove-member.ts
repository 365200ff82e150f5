import { and, eq, ne, or, sql } from 'drizzle-orm';
import { memberships, users } from '../../../db/schema';
import { activityInsertWhere } from '../activity/record-activity';
import { requireOwner } from '../actor';
import { revokeStaffSessionsUpdate } from '../auth/sessions';
import { AppError, notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { disconnectReader } from '../threads/disconnect-reader';
import { anotherOwnerRemains } from './owner-guard';
import { LAST_OWNER_MESSAGE } from './team-input';

/**
 * Owners remove a member (or cancel an invitation). In one batch: the
 * membership goes (unless it is the last accepted owner), and only then the
 * member's sessions in this workspace end and the feed records it. After the
 * batch has committed, their open thread sockets are closed (after the response).
 */
export async function removeMember(opts: Scope & { membershipId: string }) {
	const owner = requireOwner(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const member = await db
		.select({
			id: memberships.id,
			userId: memberships.userId,
			name: users.name,
			email: users.email,
			acceptedAt: memberships.acceptedAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(staffScope(memberships, opts), eq(memberships.id, opts.membershipId)))
		.get();
	if (!member) throw notFound('That team member');

	const gone = sql`not exists (select 1 from memberships where id = ${member.id})`;
	const [removal] = await db.batch([
		db
			.delete(memberships)
			.where(
				and(
					eq(memberships.id, member.id),
					eq(memberships.workspaceId, workspace.id),
					or(ne(memberships.role, 'owner'), sql`${memberships.acceptedAt} is null`, anotherOwnerRemains(workspace.id))
				)
			),
		revokeStaffSessionsUpdate(services, workspace.id, member.userId, gone),
		activityInsertWhere(
			opts,
			{
				verb: member.acceptedAt ? 'team.removed' : 'team.invite_cancelled',
				summary: member.acceptedAt
					? `${owner.name} removed ${member.name} from the team`
					: `${owner.name} cancelled the invitation of ${member.email}`,
				subjectType: 'user',
				subjectId: member.userId
			},
			gone
		)
	]);
	if (!removal.meta.changes) throw new AppError('conflict', LAST_OWNER_MESSAGE);
	// A cancelled invitation never signed in, so it has no sockets to close.
	if (member.acceptedAt)
		services.defer(
			disconnectReader({ services, workspaceId: workspace.id, reader: { kind: 'staff', userId: member.userId } })
		);
	return { removed: true, removedSelf: member.userId === owner.userId };
}
