import { and, eq } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** The query for one project in the actor's scope (a client: only their own); alone or inside a batch. */
export function projectByIdQuery(scope: Scope, projectId: string) {
	return scope.services.db
		.select()
		.from(projects)
		.where(and(clientScope(projects, scope), eq(projects.id, projectId)))
		.limit(1);
}

/** One project in the actor's scope; another client's or workspace's project is "not found", never "forbidden". */
export async function findProject(scope: Scope, projectId: string) {
	const [project] = await projectByIdQuery(scope, projectId);
	if (!project) throw notFound('That project');
	return project;
}
