import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { projects, tasks } from '../../../db/schema';
import { runBatch, type Statement } from '../../services/batch';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, validationError } from '../errors';
import { TASK_STATUS_LABELS } from '../projects/labels';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { taskByIdQuery } from './find-task';
import { planMove } from './positions';
import { taskStatus } from './task-input';

const schema = z.object({
	status: taskStatus,
	/** 0 = top of the column; left out (or past the end) = bottom. Counted without the task being moved. */
	index: z.preprocess(
		(v) => (v === '' || v === null ? undefined : v),
		z.coerce.number({ error: 'Choose a position.' }).int('Choose a position.').min(0, 'Choose a position.').optional()
	)
});

/**
 * Moves a task to a column and a place in it (staff only): the board's drag
 * and drop, its "Move to" menu and its up/down buttons all come here. One read
 * (the task and the target column, in one batch) and one atomic write.
 */
export async function moveTask(
	opts: Scope & { taskId: string; input: unknown }
): Promise<{ projectId: string; status: string }> {
	const staff = requireStaff(opts.actor);
	const parsed = schema.safeParse(opts.input);
	const { db, clock } = opts.services;
	const [taskRows, column] = await db.batch([
		taskByIdQuery(opts, opts.taskId),
		db
			.select({ id: tasks.id, position: tasks.position })
			.from(tasks)
			.where(
				and(
					clientScope(tasks, opts),
					eq(tasks.projectId, sql`(select ${tasks.projectId} from ${tasks} where ${tasks.id} = ${opts.taskId})`),
					eq(tasks.status, parsed.data?.status ?? 'todo'),
					ne(tasks.id, opts.taskId)
				)
			)
			.orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id))
	]);
	const found = taskRows[0];
	// Whose task it is comes first: another tenant learns nothing, not even which fields are wrong.
	if (!found) throw notFound('That task');
	if (!parsed.success) throw validationError(parsed.error);
	const input = parsed.data;
	const { task } = found;
	const now = clock.now();
	const moved = input.status !== task.status;
	const target = Math.min(input.index ?? column.length, column.length);
	// Already there (e.g. "move up" on the top task): nothing to write, nothing to log.
	if (!moved && target === column.filter((t) => t.position < task.position).length)
		return { projectId: task.projectId, status: task.status };
	const plan = planMove(column, task.id, target);
	const completedAt = input.status !== 'complete' ? null : moved ? now : task.completedAt;
	const statements: Statement[] = plan.map((row) =>
		row.id === task.id
			? db
					.update(tasks)
					.set({ status: input.status, position: row.position, completedAt, updatedAt: now })
					.where(eq(tasks.id, task.id))
			: db.update(tasks).set({ position: row.position }).where(eq(tasks.id, row.id))
	);
	statements.push(
		db.update(projects).set({ updatedAt: now }).where(eq(projects.id, task.projectId)),
		activityInsert(opts, {
			verb: moved ? 'task.moved' : 'task.reordered',
			clientId: task.clientId,
			projectId: task.projectId,
			subjectType: 'task',
			subjectId: task.id,
			summary: moved
				? `${staff.name} moved “${task.title}” from ${TASK_STATUS_LABELS[task.status]} to ${TASK_STATUS_LABELS[input.status]}`
				: `${staff.name} reordered “${task.title}” in ${TASK_STATUS_LABELS[input.status]}`
		})
	);
	await runBatch(db, statements);
	return { projectId: task.projectId, status: input.status };
}
