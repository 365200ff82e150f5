import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackResponses } from '../../../db/schema';
import { insertWhere } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsertWhere } from '../activity/record-activity';
import { requireClient } from '../actor';
import { AppError, notFound, parseInput } from '../errors';
import { emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { feedbackRequestQuery } from './feedback-request-query';

const inputSchema = z.object({
	rating: z.coerce
		.number({ error: 'Choose a rating from 1 to 5 stars.' })
		.int('Choose a rating from 1 to 5 stars.')
		.min(1, 'Choose a rating from 1 to 5 stars.')
		.max(5, 'Choose a rating from 1 to 5 stars.'),
	comment: z
		.string()
		.trim()
		.max(2000, 'Keep the comment under 2,000 characters.')
		.optional()
		.transform((v) => v || null)
});

const CLOSED = 'This feedback request has been closed, so the answer can no longer be changed.';

/**
 * A client rates a project: one response per request (unique on request_id),
 * which they may edit while the request is open. The upsert and its activity
 * entry only apply while the request is open, checked in the same batch, so a
 * close that lands first wins.
 */
export async function submitFeedback(opts: Scope & { requestId: string; input: unknown }) {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const [requestRows, existingRows] = await db.batch([
		feedbackRequestQuery(opts),
		db
			.select({ id: feedbackResponses.id })
			.from(feedbackResponses)
			.where(and(clientScope(feedbackResponses, opts), eq(feedbackResponses.requestId, opts.requestId)))
			.limit(1)
	]);
	const request = requestRows[0];
	if (!request) throw notFound('That feedback request');
	if (request.status !== 'open') throw new AppError('conflict', CLOSED);
	const input = parseInput(inputSchema, opts.input);
	const editing = Boolean(existingRows[0]);

	const now = services.clock.now();
	const stillOpen = sql`exists (select 1 from feedback_requests where id = ${request.id} and status = 'open')`;
	const stars = `${input.rating} star${input.rating === 1 ? '' : 's'}`;
	const [upsert] = await db.batch([
		insertWhere(
			db,
			feedbackResponses,
			{
				id: newId('fbk'),
				workspaceId: workspace.id,
				clientId: request.clientId,
				projectId: request.projectId,
				requestId: request.id,
				contactId: client.contactId,
				rating: input.rating,
				comment: input.comment,
				createdAt: now,
				updatedAt: now
			},
			stillOpen
		).onConflictDoUpdate({
			target: feedbackResponses.requestId,
			set: { rating: input.rating, comment: input.comment, contactId: client.contactId, updatedAt: now }
		}),
		activityInsertWhere(
			opts,
			{
				verb: editing ? 'feedback.updated' : 'feedback.submitted',
				summary: `${client.name} ${editing ? 'changed their rating of' : 'rated'} ${request.projectName}: ${stars}`,
				clientId: request.clientId,
				projectId: request.projectId,
				subjectType: 'feedback_request',
				subjectId: request.id
			},
			stillOpen
		)
	]);
	if (!upsert.meta.changes) throw new AppError('conflict', CLOSED);

	services.defer(
		emailStaff(opts, 'feedback', {
			subject: `${client.name} ${editing ? 'updated their rating of' : 'rated'} ${request.projectName}: ${stars}`,
			tag: 'feedback',
			content: {
				heading: `${stars} for ${request.projectName}`,
				paragraphs: [`${client.name} ${editing ? 'changed their rating to' : 'rated the project'} ${stars} out of 5.`],
				quote: input.comment ?? undefined,
				button: { label: 'See the feedback', url: services.urls.app(`/projects/${request.projectId}/feedback`) }
			}
		})
	);
	return { rating: input.rating, comment: input.comment, updated: editing };
}
