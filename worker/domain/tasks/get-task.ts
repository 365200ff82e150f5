import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { taskByIdQuery } from './find-task';
import { staffMembersQuery } from './staff-members';

/** A task to edit (staff only), with the team for the assignee menu, in one round trip. */
export async function getTask(opts: Scope & { taskId: string }) {
	requireStaff(opts.actor);
	const [taskRows, members] = await opts.services.db.batch([taskByIdQuery(opts, opts.taskId), staffMembersQuery(opts)]);
	const found = taskRows[0];
	if (!found) throw notFound('That task');
	return { task: found.task, projectName: found.projectName, members };
}
