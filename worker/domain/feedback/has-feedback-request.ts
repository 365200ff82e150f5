import { and, eq } from 'drizzle-orm';
import { feedbackRequests } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** The query for "does this project have a feedback request"; alone or inside a batch (non-empty = yes). */
export function feedbackRequestExistsQuery(opts: Scope & { projectId: string }) {
	return opts.services.db
		.select({ id: feedbackRequests.id })
		.from(feedbackRequests)
		.where(and(clientScope(feedbackRequests, opts), eq(feedbackRequests.projectId, opts.projectId)))
		.limit(1);
}
