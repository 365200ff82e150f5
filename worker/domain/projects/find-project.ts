import { and, eq } from 'drizzle-orm';
import { projects } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import type { Db } from '../../services/db';
import type { Value } from '../../services/compiled-read';
import { compiledClientRead, type ClientScopeValues } from '../client-scope-values';
import { clientScope } from '../tenancy';

/** The query for one project in the actor's scope (a client: only their own); alone or inside a batch. */
export function projectByIdQuery(scope: Scope, projectId: string) {
	// A client's (every portal project tab asks, header and content alike) is compiled once per isolate.
	if (scope.actor.kind === 'client') return clientProjectRead(scope, scope.actor, { projectId });
	return projectSelect(scope.services.db, scope, projectId);
}

function projectSelect(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, projectId: string) {
	return db
		.select()
		.from(projects)
		.where(and(clientScope(projects, scope), eq(projects.id, projectId)))
		.limit(1);
}

const clientProjectRead = compiledClientRead((db, scope, value: Value<ClientScopeValues & { projectId: string }>) =>
	projectSelect(db, scope, value('projectId') as unknown as string)
);

/** One project in the actor's scope; another client's or workspace's project is "not found", never "forbidden". */
export async function findProject(scope: Scope, projectId: string) {
	const [project] = await projectByIdQuery(scope, projectId);
	if (!project) throw notFound('That project');
	return project;
}
