import { and, eq } from 'drizzle-orm';
import { feedbackRequests } from '../../../db/schema';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/** Whether a project has any feedback request (the portal shows its Feedback tab only then). */
export async function hasFeedbackRequest(opts: Scope & { projectId: string }): Promise<boolean> {
	const row = await opts.services.db
		.select({ id: feedbackRequests.id })
		.from(feedbackRequests)
		.where(and(clientScope(feedbackRequests, opts), eq(feedbackRequests.projectId, opts.projectId)))
		.limit(1)
		.get();
	return Boolean(row);
}
