import { and, desc, eq } from 'drizzle-orm';
import { activity } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import { limitOffset, pageFrom, toPage } from '../pagination';
import { projectByIdQuery } from '../projects/find-project';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** A project's activity feed (staff only), newest first, a page at a time; the project check and the page in one round trip. */
export async function listProjectActivity(
	opts: Scope & { projectId: string; input?: URLSearchParams | Record<string, unknown> }
) {
	requireStaff(opts.actor);
	const pageRequest = pageFrom(opts.input, 30);
	const { limit, offset } = limitOffset(pageRequest);
	const db = opts.services.db;
	const [projectRows, rows] = await db.batch([
		projectByIdQuery(opts, opts.projectId),
		db
			.select({
				id: activity.id,
				actorKind: activity.actorKind,
				actorName: activity.actorName,
				verb: activity.verb,
				summary: activity.summary,
				createdAt: activity.createdAt
			})
			.from(activity)
			.where(and(staffScope(activity, opts), eq(activity.projectId, opts.projectId)))
			.orderBy(desc(activity.createdAt), desc(activity.id))
			.limit(limit)
			.offset(offset)
	]);
	if (!projectRows[0]) throw notFound('That project');
	return toPage(rows, pageRequest);
}
