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

/** Whether a project has any feedback request (the portal shows its Feedback tab only then). */
export async function hasFeedbackRequest(opts: Scope & { projectId: string }): Promise<boolean> {
	return Boolean(await feedbackRequestExistsQuery(opts).get());
}
