import { and, eq } from 'drizzle-orm';
import { feedbackRequests, projects } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/**
 * The query for one feedback request in scope, with its project's name (for activity and email
 * text); alone or inside a batch (empty = not found).
 */
export function feedbackRequestQuery(opts: Scope & { requestId: string }) {
	return opts.services.db
		.select({
			id: feedbackRequests.id,
			status: feedbackRequests.status,
			projectId: feedbackRequests.projectId,
			clientId: feedbackRequests.clientId,
			projectName: projects.name
		})
		.from(feedbackRequests)
		.innerJoin(projects, eq(projects.id, feedbackRequests.projectId))
		.where(and(clientScope(feedbackRequests, opts), eq(feedbackRequests.id, opts.requestId)))
		.limit(1);
}
