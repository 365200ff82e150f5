import { and, eq, sql } from 'drizzle-orm';
import { feedbackRequests } from '../../../db/schema';
import { activityInsertWhere } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { feedbackRequestQuery } from './feedback-request-query';

/** Staff close a request: the client's answer is final from then on. Closing twice is a no-op. */
export async function closeFeedbackRequest(opts: Scope & { requestId: string }) {
	const staff = requireStaff(opts.actor);
	const { services } = opts;
	const db = services.db;
	const [request] = await feedbackRequestQuery(opts);
	if (!request) throw notFound('That feedback request');
	const now = services.clock.now();
	const [update] = await db.batch([
		db
			.update(feedbackRequests)
			.set({ status: 'closed', closedAt: now })
			.where(and(eq(feedbackRequests.id, request.id), eq(feedbackRequests.status, 'open'))),
		activityInsertWhere(
			opts,
			{
				verb: 'feedback.closed',
				summary: `${staff.name} closed the feedback request on ${request.projectName}`,
				clientId: request.clientId,
				projectId: request.projectId,
				subjectType: 'feedback_request',
				subjectId: request.id
			},
			sql`exists (select 1 from feedback_requests where id = ${request.id} and status = 'closed' and closed_at = ${now})`
		)
	]);
	return { closed: Boolean(update.meta.changes) };
}
