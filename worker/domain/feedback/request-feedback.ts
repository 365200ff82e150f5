import { sql } from 'drizzle-orm';
import { feedbackRequests } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsertWhere } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError } from '../errors';
import { emailClientContacts } from '../notifications/notify';
import { findProject } from '../projects/find-project';
import type { Scope } from '../scope';

/**
 * Staff ask the client to rate a completed project: a feedback request (shown
 * on the portal) and an email to the client's contacts. One open request per
 * project: the insert only happens while none is open, so a double click
 * creates one.
 */
export async function requestFeedback(opts: Scope & { projectId: string }) {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const project = await findProject(opts, opts.projectId);
	if (project.status !== 'complete')
		throw new AppError('conflict', 'You can ask for feedback once the project is marked complete.');

	const requestId = newId('fbr');
	const noneOpen = sql`not exists (select 1 from feedback_requests where project_id = ${project.id} and status = 'open')`;
	const [insert] = await db.batch([
		insertWhere(
			db,
			feedbackRequests,
			{
				id: requestId,
				workspaceId: workspace.id,
				clientId: project.clientId,
				projectId: project.id,
				status: 'open',
				requestedByUserId: staff.userId,
				createdAt: services.clock.now()
			},
			noneOpen
		),
		activityInsertWhere(
			opts,
			{
				verb: 'feedback.requested',
				summary: `${staff.name} asked the client for feedback on ${project.name}`,
				clientId: project.clientId,
				projectId: project.id,
				subjectType: 'feedback_request',
				subjectId: requestId
			},
			sql`exists (select 1 from feedback_requests where id = ${requestId})`
		)
	]);
	if (!insert.meta.changes) throw new AppError('conflict', 'A feedback request for this project is already open.');

	await emailClientContacts(opts, project.clientId, {
		subject: `How did we do on ${project.name}?`,
		tag: 'feedback_request',
		idempotencyKey: `feedback-request:${requestId}`,
		content: {
			preheader: `Rate ${project.name} in a minute`,
			heading: `How did we do on ${project.name}?`,
			paragraphs: [
				`${project.name} is complete. We'd love to hear how it went: rate it from 1 to 5 stars and, if you like, leave a comment.`
			],
			button: { label: 'Rate the project', url: services.urls.portal(workspace, `/projects/${project.id}/feedback`) }
		}
	});
	return { requestId };
}
