import { and, eq, sql } from 'drizzle-orm';
import { timeEntries } from '../../../db/schema';
import { requireStaff } from '../actor';
import { activityInsertIfChanged } from '../activity/record-activity';
import { AppError } from '../errors';
import { divRound } from '../money';
import type { Scope } from '../scope';
import { durationInput } from './duration';
import { runningTimer } from './running-timer';

/** Elapsed time rounded to the nearest minute, at least 1. */
export function elapsedMinutes(startedAt: number, now: number): number {
	return Math.max(1, divRound(Math.max(0, now - startedAt), 60_000));
}

/**
 * A staff member stops their running timer: the elapsed minutes are added to
 * the entry. The update is conditional on the timer still being the one that
 * was read, so stopping twice (two tabs, a double click) adds the time once
 * and logs it once; the second stop says there is no running timer.
 */
export async function stopTimer(
	opts: Scope
): Promise<{ id: string; projectId: string; minutes: number; addedMinutes: number }> {
	requireStaff(opts.actor);
	const { services, workspace } = opts;
	const timer = await runningTimer(opts);
	if (!timer) throw new AppError('conflict', 'You have no timer running.');
	const now = services.clock.now();
	const added = elapsedMinutes(timer.startedAt, now);
	const [update] = await services.db.batch([
		services.db
			.update(timeEntries)
			.set({ minutes: sql`${timeEntries.minutes} + ${added}`, timerStartedAt: null, updatedAt: now })
			.where(
				and(
					eq(timeEntries.id, timer.id),
					eq(timeEntries.workspaceId, workspace.id),
					eq(timeEntries.timerStartedAt, timer.startedAt)
				)
			),
		activityInsertIfChanged(opts, {
			verb: 'time.timer_stopped',
			summary: `Stopped the timer after ${durationInput(added)} h: ${timer.description}`,
			clientId: timer.clientId,
			projectId: timer.projectId,
			subjectType: 'time_entry',
			subjectId: timer.id
		})
	]);
	if (update.meta.changes === 0) throw new AppError('conflict', 'You have no timer running.');
	return { id: timer.id, projectId: timer.projectId, minutes: timer.minutes + added, addedMinutes: added };
}
