import { sql, type SQL } from 'drizzle-orm';

/** True while the workspace has more than one accepted owner (so one may step down or leave). */
export function anotherOwnerRemains(workspaceId: string): SQL {
	return sql`(select count(*) from memberships where workspace_id = ${workspaceId} and role = 'owner' and accepted_at is not null) > 1`;
}
