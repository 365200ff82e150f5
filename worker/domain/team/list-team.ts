import { asc, eq, sql } from 'drizzle-orm';
import { memberships, users } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** Settings -> Team: everyone with access to the dashboard of this workspace, invited ones included. */
export async function listTeam(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const rows = await scope.services.db
		.select({
			membershipId: memberships.id,
			userId: users.id,
			name: users.name,
			email: users.email,
			role: memberships.role,
			acceptedAt: memberships.acceptedAt,
			createdAt: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(staffScope(memberships, scope))
		.orderBy(sql`case ${memberships.role} when 'owner' then 0 else 1 end`, asc(users.name));
	return {
		members: rows.map((r) => ({ ...r, isYou: r.userId === staff.userId, pending: r.acceptedAt === null })),
		canManage: staff.role === 'owner'
	};
}
