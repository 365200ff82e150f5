import { and, eq } from 'drizzle-orm';
import { clients, projects } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** One project the actor may see; another client's or workspace's project is "not found", never "forbidden". */
export async function getProject(opts: Scope & { projectId: string }) {
	const row = await opts.services.db
		.select({ project: projects, clientName: clients.name })
		.from(projects)
		.innerJoin(clients, eq(clients.id, projects.clientId))
		.where(and(clientScope(projects, opts), eq(projects.id, opts.projectId)))
		.get();
	if (!row) throw notFound('That project');
	return row;
}
