import { and, asc, eq, sql } from 'drizzle-orm';
import { memberships, users } from '../../../db/schema';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The workspace's staff, for the assignee menu; alone or inside a batch. Names only, by name. */
export function staffMembersQuery(scope: Scope) {
	return scope.services.db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(staffScope(memberships, scope))
		.orderBy(asc(sql`${users.name} collate nocase`))
		.limit(500);
}

/** One staff member of the workspace by user id (none for null); to check an assignee inside a batch. */
export function staffMemberQuery(scope: Scope, userId: string | null) {
	return scope.services.db
		.select({ id: users.id, name: users.name })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(staffScope(memberships, scope), eq(memberships.userId, userId ?? '')))
		.limit(1);
}
