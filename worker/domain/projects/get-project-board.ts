import { and, asc, eq } from 'drizzle-orm';
import { tasks, users, type TaskStatus } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffMembersQuery } from '../tasks/staff-members';
import { clientScope } from '../tenancy';
import { completionPercent } from './completion';
import { projectByIdQuery } from './find-project';
import { todayIn } from '../calendar';
import { TASK_COLUMNS } from './labels';

export type BoardTask = {
	id: string;
	title: string;
	description: string | null;
	status: TaskStatus;
	position: number;
	dueDate: string | null;
	assignee: { id: string; name: string } | null;
};

/**
 * The staff board of a project: the project, its tasks in five columns with
 * assignees, the team (for assigning) and completion %, in one round trip.
 */
export async function getProjectBoard(opts: Scope & { projectId: string }) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [projectRows, taskRows, members] = await db.batch([
		projectByIdQuery(opts, opts.projectId),
		db
			.select({
				id: tasks.id,
				title: tasks.title,
				description: tasks.description,
				status: tasks.status,
				position: tasks.position,
				dueDate: tasks.dueDate,
				assigneeId: users.id,
				assigneeName: users.name
			})
			.from(tasks)
			.leftJoin(users, eq(users.id, tasks.assigneeUserId))
			.where(and(clientScope(tasks, opts), eq(tasks.projectId, opts.projectId)))
			.orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id)),
		staffMembersQuery(opts)
	]);
	const project = projectRows[0];
	if (!project) throw notFound('That project');
	const list: BoardTask[] = taskRows.map((t) => ({
		id: t.id,
		title: t.title,
		description: t.description,
		status: t.status,
		position: t.position,
		dueDate: t.dueDate,
		assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeName ?? '' } : null
	}));
	const complete = list.filter((t) => t.status === 'complete').length;
	return {
		project,
		columns: TASK_COLUMNS.map((c) => ({ ...c, tasks: list.filter((t) => t.status === c.status) })),
		completion: completionPercent(complete, list.length, project.status),
		taskCount: list.length,
		completeCount: complete,
		members,
		today: todayIn(opts.workspace.timezone, opts.services.clock.now())
	};
}
