import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { activity, clients, projects } from '../../../db/schema';
import { requireStaff } from '../actor';
import { limitOffset, pageFrom, toPage } from '../pagination';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

const filterSchema = z.object({
	projectId: z.string().max(64).optional().catch(undefined),
	clientId: z.string().max(64).optional().catch(undefined)
});

/**
 * The workspace-wide feed: who did what, when, newest first, paginated and
 * optionally narrowed to one project or client; with the project and client
 * lists for the filter. One D1 round trip.
 */
export async function listActivity(opts: Scope & { input: Record<string, unknown> }) {
	requireStaff(opts.actor);
	const filter = filterSchema.parse({
		projectId: opts.input.projectId || undefined,
		clientId: opts.input.clientId || undefined
	});
	const page = pageFrom(opts.input, 30);
	const { limit, offset } = limitOffset(page);
	const db = opts.services.db;
	const [rows, projectList, clientList] = await db.batch([
		db
			.select({
				id: activity.id,
				actorKind: activity.actorKind,
				actorName: activity.actorName,
				verb: activity.verb,
				summary: activity.summary,
				projectId: activity.projectId,
				clientId: activity.clientId,
				subjectType: activity.subjectType,
				subjectId: activity.subjectId,
				createdAt: activity.createdAt
			})
			.from(activity)
			.where(
				and(
					staffScope(activity, opts),
					filter.projectId ? eq(activity.projectId, filter.projectId) : undefined,
					filter.clientId ? eq(activity.clientId, filter.clientId) : undefined
				)
			)
			.orderBy(desc(activity.createdAt), desc(activity.id))
			.limit(limit)
			.offset(offset),
		db
			.select({ id: projects.id, name: projects.name })
			.from(projects)
			.where(staffScope(projects, opts))
			.orderBy(asc(projects.name))
			.limit(500),
		db
			.select({ id: clients.id, name: clients.name })
			.from(clients)
			.where(staffScope(clients, opts))
			.orderBy(asc(clients.name))
			.limit(500)
	]);
	return {
		filter: { projectId: filter.projectId ?? '', clientId: filter.clientId ?? '' },
		page: toPage(rows, page),
		projects: projectList,
		clients: clientList
	};
}
