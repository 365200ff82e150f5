import { eq } from 'drizzle-orm';
import { projects, tasks } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, parseInput } from '../errors';
import { mergeInput } from '../form-fields';
import { TASK_STATUS_LABELS } from '../projects/labels';
import type { Scope } from '../scope';
import { assigneeError } from './assignee';
import { endOfColumn } from './column-end';
import { taskByIdQuery } from './find-task';
import { staffMemberQuery } from './staff-members';
import { taskFields } from './task-input';

/**
 * Edits a task (staff only). Fields left out keep their value (PATCH). A new
 * column puts the task at the bottom of it; entering Complete stamps
 * completedAt, leaving it clears the stamp.
 */
export async function updateTask(opts: Scope & { taskId: string; input: unknown }): Promise<void> {
	const staff = requireStaff(opts.actor);
	const { db, clock } = opts.services;
	const raw = mergeInput({}, opts.input);
	const requestedAssignee = typeof raw.assigneeUserId === 'string' ? raw.assigneeUserId.trim() : null;
	const [taskRows, assignees] = await db.batch([
		taskByIdQuery(opts, opts.taskId),
		staffMemberQuery(opts, requestedAssignee)
	]);
	const found = taskRows[0];
	if (!found) throw notFound('That task');
	const { task } = found;
	const current = {
		title: task.title,
		description: task.description,
		status: task.status,
		assigneeUserId: task.assigneeUserId,
		dueDate: task.dueDate
	};
	const input = parseInput(taskFields, mergeInput(current, raw));
	if (input.assigneeUserId && input.assigneeUserId !== task.assigneeUserId && !assignees.length) throw assigneeError();

	const now = clock.now();
	const moved = input.status !== task.status;
	const completedAt = input.status !== 'complete' ? null : moved ? now : task.completedAt;
	const moveNote = moved
		? ` and moved it from ${TASK_STATUS_LABELS[task.status]} to ${TASK_STATUS_LABELS[input.status]}`
		: '';
	await db.batch([
		db
			.update(tasks)
			.set({
				...input,
				completedAt,
				updatedAt: now,
				...(moved ? { position: endOfColumn(task.projectId, input.status) } : {})
			})
			.where(eq(tasks.id, task.id)),
		db.update(projects).set({ updatedAt: now }).where(eq(projects.id, task.projectId)),
		activityInsert(opts, {
			verb: moved ? 'task.moved' : 'task.updated',
			clientId: task.clientId,
			projectId: task.projectId,
			subjectType: 'task',
			subjectId: task.id,
			summary: `${staff.name} edited the task “${input.title}”${moveNote}`
		})
	]);
}
