import { sql } from 'drizzle-orm';
import { tasks, type TaskStatus } from '../../../db/schema';

/**
 * The position just below the last task of a column, computed by the writing
 * statement itself, so two tasks added to a column at once both land at the end.
 */
export function endOfColumn(projectId: string, status: TaskStatus) {
	return sql<number>`(select coalesce(max(${tasks.position}), 0) + 1 from ${tasks} where ${tasks.projectId} = ${projectId} and ${tasks.status} = ${status})`;
}
