import { and, asc, eq } from 'drizzle-orm';
import { tasks, type ProjectStatus, type TaskStatus } from '../../../db/schema';
import { requireClient } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { completionPercent } from './completion';
import { todayIn } from '../calendar';
import { projectByIdQuery } from './find-project';
import { TASK_COLUMNS } from './labels';
import type { Value } from '../../services/compiled-read';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';

/** What a client may see of a task: no assignee, no internal description. */
export type PortalTask = { id: string; title: string; status: TaskStatus; dueDate: string | null };

export type PortalProject = {
	project: {
		id: string;
		name: string;
		description: string | null;
		status: ProjectStatus;
		startDate: string | null;
		dueDate: string | null;
	};
	columns: { status: TaskStatus; label: string; tasks: PortalTask[] }[];
	completion: number;
	taskCount: number;
	completeCount: number;
	today: string;
};

/**
 * A project as its client sees it on the portal: the read-only board and
 * completion %. Only the client's own projects exist here (another client's
 * is "not found"), and the shape is built field by field so nothing
 * staff-only (notes, assignees, task descriptions) can slip through.
 */
export async function getPortalProject(opts: Scope & { projectId: string }): Promise<PortalProject> {
	const actor = requireClient(opts.actor);
	// Joined with the project header's batch of the same page (services.reads), which reads the
	// same project: the batcher sends that read once.
	const [projectRows, taskRows] = await opts.services.reads.batch([
		projectByIdQuery(opts, opts.projectId),
		clientTasksRead(opts, actor, { projectId: opts.projectId })
	]);
	const project = projectRows[0];
	if (!project) throw notFound('That project');
	const complete = taskRows.filter((t) => t.status === 'complete').length;
	return {
		project: {
			id: project.id,
			name: project.name,
			description: project.description,
			status: project.status,
			startDate: project.startDate,
			dueDate: project.dueDate
		},
		columns: TASK_COLUMNS.map((c) => ({
			...c,
			tasks: taskRows
				.filter((t) => t.status === c.status)
				.map((t) => ({ id: t.id, title: t.title, status: t.status, dueDate: t.dueDate }))
		})),
		completion: completionPercent(complete, taskRows.length, project.status),
		taskCount: taskRows.length,
		completeCount: complete,
		today: todayIn(opts.workspace.timezone, opts.services.clock.now())
	};
}

/** The board's tasks, compiled once per isolate (services/compiled-read.ts). */
const clientTasksRead = compiledClientRead((db, scope, value: Value<ClientScopeValues & { projectId: string }>) =>
	db
		.select({ id: tasks.id, title: tasks.title, status: tasks.status, dueDate: tasks.dueDate })
		.from(tasks)
		.where(and(clientScope(tasks, scope), eq(tasks.projectId, value('projectId'))))
		.orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id))
);
