import { eq } from 'drizzle-orm';
import { projects, tasks } from '../../../db/schema';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, validationError } from '../errors';
import { projectByIdQuery } from '../projects/find-project';
import { TASK_STATUS_LABELS } from '../projects/labels';
import type { Scope } from '../scope';
import { assigneeError } from './assignee';
import { endOfColumn } from './column-end';
import { staffMemberQuery } from './staff-members';
import { taskFields } from './task-input';

/** Adds a task at the bottom of its column (staff only). */
export async function createTask(opts: Scope & { projectId: string; input: unknown }): Promise<{ id: string }> {
	const staff = requireStaff(opts.actor);
	const parsed = taskFields.safeParse(opts.input);
	const { db, clock } = opts.services;
	const [projectRows, assignees] = await db.batch([
		projectByIdQuery(opts, opts.projectId),
		staffMemberQuery(opts, parsed.data?.assigneeUserId ?? null)
	]);
	const project = projectRows[0];
	// Whose project it is comes first: another tenant learns nothing, not even which fields are wrong.
	if (!project) throw notFound('That project');
	if (!parsed.success) throw validationError(parsed.error);
	const input = parsed.data;
	if (input.assigneeUserId && !assignees.length) throw assigneeError();
	const now = clock.now();
	const id = newId('tsk');
	await db.batch([
		db.insert(tasks).values({
			id,
			workspaceId: project.workspaceId,
			clientId: project.clientId,
			projectId: project.id,
			title: input.title,
			description: input.description,
			status: input.status,
			position: endOfColumn(project.id, input.status),
			assigneeUserId: input.assigneeUserId,
			dueDate: input.dueDate,
			completedAt: input.status === 'complete' ? now : null,
			createdAt: now,
			updatedAt: now
		}),
		db.update(projects).set({ updatedAt: now }).where(eq(projects.id, project.id)),
		activityInsert(opts, {
			verb: 'task.created',
			clientId: project.clientId,
			projectId: project.id,
			subjectType: 'task',
			subjectId: id,
			summary: `${staff.name} added the task “${input.title}” to ${TASK_STATUS_LABELS[input.status]}`
		})
	]);
	return { id };
}
