import { and, eq } from 'drizzle-orm';
import { projects, tasks } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** The query for one task in the actor's scope, with its project's name; alone or inside a batch. */
export function taskByIdQuery(scope: Scope, taskId: string) {
	return scope.services.db
		.select({ task: tasks, projectName: projects.name })
		.from(tasks)
		.innerJoin(projects, eq(projects.id, tasks.projectId))
		.where(and(clientScope(tasks, scope), eq(tasks.id, taskId)))
		.limit(1);
}
