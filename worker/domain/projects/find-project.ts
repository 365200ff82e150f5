import { and, eq } from 'drizzle-orm';
import { projects } from '../../../db/schema';
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
