import { and, desc, eq } from 'drizzle-orm';
import { clientContacts, feedbackRequests, feedbackResponses, projects } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';

/**
 * A project's feedback requests, newest first, each with its response: for the
 * staff Feedback tab and the client's rating page (a client only ever reaches
 * their own company's projects). One D1 round trip.
 */
export async function getProjectFeedback(opts: Scope & { projectId: string }) {
	const db = opts.services.db;
	const [projectRows, rows] = await db.batch([
		db
			.select({ id: projects.id, name: projects.name, status: projects.status })
			.from(projects)
			.where(and(clientScope(projects, opts), eq(projects.id, opts.projectId)))
			.limit(1),
		db
			.select({ request: feedbackRequests, response: feedbackResponses, contactName: clientContacts.name })
			.from(feedbackRequests)
			.leftJoin(feedbackResponses, eq(feedbackResponses.requestId, feedbackRequests.id))
			.leftJoin(clientContacts, eq(clientContacts.id, feedbackResponses.contactId))
			.where(and(clientScope(feedbackRequests, opts), eq(feedbackRequests.projectId, opts.projectId)))
			.orderBy(desc(feedbackRequests.createdAt))
			.limit(50)
	]);
	const project = projectRows[0];
	if (!project) throw notFound('That project');
	const requests = rows.map((r) => ({
		id: r.request.id,
		status: r.request.status,
		createdAt: r.request.createdAt,
		closedAt: r.request.closedAt,
		response: r.response
			? {
					rating: r.response.rating,
					comment: r.response.comment,
					contactName: r.contactName,
					createdAt: r.response.createdAt,
					updatedAt: r.response.updatedAt
				}
			: null
	}));
	const open = requests.find((r) => r.status === 'open') ?? null;
	return {
		project,
		requests,
		/** What the portal shows: the open request, else the latest one. */
		current: open ?? requests[0] ?? null,
		canRequest: project.status === 'complete' && !open
	};
}
