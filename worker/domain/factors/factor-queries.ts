import { eq, sql } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { Services } from '../../services';
import { hasSecondFactorSql } from '../auth/assurance';

export async function hasSecondFactor(services: Services, userId: string): Promise<boolean> {
	const row = await services.db
		.select({ has: hasSecondFactorSql(userId) })
		.from(users)
		.where(eq(users.id, userId))
		.get();
	return Boolean(row?.has);
}

/** True while any workspace the person belongs to requires a second factor. */
export function requiredByAWorkspaceSql(userId: string) {
	return sql<number>`exists (select 1 from memberships m join workspaces w on w.id = m.workspace_id where m.user_id = ${userId} and w.require_second_factor = 1)`;
}
