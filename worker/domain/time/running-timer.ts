import { and, eq, isNotNull } from 'drizzle-orm';
import { projects, timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** The query for the staff member's running timer in this workspace (at most one), for use in a batch. */
export function runningTimerQuery(scope: Scope) {
	const staff = requireStaff(scope.actor);
	return scope.services.db
		.select({
			id: timeEntries.id,
			clientId: timeEntries.clientId,
			projectId: timeEntries.projectId,
			projectName: projects.name,
			description: timeEntries.description,
			minutes: timeEntries.minutes,
			startedAt: timeEntries.timerStartedAt
		})
		.from(timeEntries)
		.innerJoin(projects, eq(projects.id, timeEntries.projectId))
		.where(
			and(clientScope(timeEntries, scope), eq(timeEntries.userId, staff.userId), isNotNull(timeEntries.timerStartedAt))
		)
		.limit(1);
}

export type RunningTimer = {
	id: string;
	clientId: string;
	projectId: string;
	projectName: string;
	description: string;
	minutes: number;
	startedAt: number;
};

export async function runningTimer(scope: Scope): Promise<RunningTimer | null> {
	const [row] = await runningTimerQuery(scope);
	return row ? { ...row, startedAt: row.startedAt ?? 0 } : null;
}
