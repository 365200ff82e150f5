import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { projects, tasks } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, parseInput } from '../errors';
import { mergeInput } from '../form-fields';
import type { Scope } from '../scope';
import { findProject } from './find-project';
import { PROJECT_STATUS_LABELS } from './labels';
import { hourlyRateMinor, projectFields } from './project-input';
import { minorToInput } from '../money';

/** What to do with a project's open tasks when it is marked Complete: close them, or keep them open on purpose. */
const openTasksChoice = z.object({
	openTasks: z.preprocess(
		(v) => (v === '' || v === null ? undefined : v),
		z.enum(['close', 'keep'], { error: 'Choose whether to close the open tasks or keep them open.' }).optional()
	)
});

const tasksWord = (n: number) => (n === 1 ? '1 task is' : `${n} tasks are`);

/**
 * Edits a project (staff only). Fields left out keep their value (PATCH).
 * Entering Complete stamps completedAt; leaving it clears the stamp.
 *
 * Marking a project Complete while tasks are still open asks first: without
 * `openTasks` it is a field error on `openTasks` that says how many are open.
 * `close` completes them in the same batch (at the end of the Complete column,
 * in their order); `keep` completes the project and leaves them as they are.
 */
export async function updateProject(
	opts: Scope & { projectId: string; input: unknown }
): Promise<{ closedTasks: number }> {
	const staff = requireStaff(opts.actor);
	const { db, clock } = opts.services;
	const project = await findProject(opts, opts.projectId);
	const current = {
		name: project.name,
		description: project.description,
		status: project.status,
		startDate: project.startDate,
		dueDate: project.dueDate,
		hourlyRate:
			project.hourlyRateMinor === null ? null : minorToInput(project.hourlyRateMinor, opts.workspace.defaultCurrency)
	};
	const sent = mergeInput(current, opts.input);
	if (sent.clientId !== undefined && sent.clientId !== project.clientId) {
		throw new AppError('validation_failed', "A project's client can't be changed.", {
			fields: {
				clientId: 'A project stays with the client it was created for. Create a new project for another client.'
			}
		});
	}
	const { hourlyRate, ...input } = parseInput(projectFields, sent);
	const rate = hourlyRateMinor(hourlyRate, opts.workspace.defaultCurrency);
	const { openTasks } = parseInput(openTasksChoice, { openTasks: sent.openTasks });
	const now = clock.now();
	const statusChanged = input.status !== project.status;
	const completing = statusChanged && input.status === 'complete';
	const open = and(
		eq(tasks.workspaceId, project.workspaceId),
		eq(tasks.projectId, project.id),
		ne(tasks.status, 'complete')
	);
	const openCount = completing
		? ((
				await db
					.select({ n: sql<number>`count(*)` })
					.from(tasks)
					.where(open)
					.get()
			)?.n ?? 0)
		: 0;
	if (openCount > 0 && !openTasks) {
		throw new AppError(
			'validation_failed',
			`${tasksWord(openCount)} still open. Choose what happens to ${openCount === 1 ? 'it' : 'them'}.`,
			{
				fields: {
					openTasks: `${tasksWord(openCount)} still open on this project. Close ${openCount === 1 ? 'it' : 'them'} as complete, or keep ${openCount === 1 ? 'it' : 'them'} open.`
				}
			}
		);
	}
	const closing = openCount > 0 && openTasks === 'close';
	const completedAt = input.status !== 'complete' ? null : statusChanged ? now : project.completedAt;
	const statusNote = statusChanged
		? `: ${PROJECT_STATUS_LABELS[project.status]} → ${PROJECT_STATUS_LABELS[input.status]}`
		: '';
	const closedNote = closing
		? `, closing ${openCount === 1 ? '1 open task' : `${openCount} open tasks`}`
		: openCount > 0
			? `, keeping ${openCount === 1 ? '1 task' : `${openCount} tasks`} open`
			: '';
	// The Complete column's end is read once by SQLite for the whole UPDATE, so the closed tasks keep their order after it.
	const completeEnd = sql`(select coalesce(max(${tasks.position}), 0) from ${tasks} where ${tasks.projectId} = ${project.id} and ${tasks.status} = 'complete')`;
	await db.batch([
		db
			.update(projects)
			.set({ ...input, hourlyRateMinor: rate, completedAt, updatedAt: now })
			.where(eq(projects.id, project.id)),
		activityInsert(opts, {
			verb: statusChanged ? 'project.status_changed' : 'project.updated',
			clientId: project.clientId,
			projectId: project.id,
			subjectType: 'project',
			subjectId: project.id,
			summary: `${staff.name} edited the project ${input.name}${statusNote}${closedNote}`
		}),
		...(closing
			? [
					db
						.update(tasks)
						.set({
							status: 'complete',
							completedAt: now,
							position: sql`${completeEnd} + ${tasks.position}`,
							updatedAt: now
						})
						.where(open)
				]
			: [])
	]);
	return { closedTasks: closing ? openCount : 0 };
}
