import { eq } from 'drizzle-orm';
import { projects, tasks } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { taskByIdQuery } from './find-task';

/** Deletes a task (staff only); the feed keeps a line saying what was deleted. */
export async function deleteTask(opts: Scope & { taskId: string }): Promise<{ projectId: string }> {
	const staff = requireStaff(opts.actor);
	const { db, clock } = opts.services;
	const [found] = await taskByIdQuery(opts, opts.taskId);
	if (!found) throw notFound('That task');
	const { task } = found;
	await db.batch([
		db.delete(tasks).where(eq(tasks.id, task.id)),
		db.update(projects).set({ updatedAt: clock.now() }).where(eq(projects.id, task.projectId)),
		activityInsert(opts, {
			verb: 'task.deleted',
			clientId: task.clientId,
			projectId: task.projectId,
			subjectType: 'task',
			subjectId: task.id,
			summary: `${staff.name} deleted the task “${task.title}”`
		})
	]);
	return { projectId: task.projectId };
}
