import { feedbackRequestExistsQuery } from '../feedback/has-feedback-request';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { projectByIdQuery } from './find-project';

/**
 * What every tab of a portal project page shows above its content: the project
 * (the client's own; another's is "not found") and whether it has a feedback
 * request (the Feedback tab). One D1 round trip: both reads in one batch, which the
 * tab's own reads join when asked for in the same turn (services.reads).
 */
export async function getPortalProjectHeader(opts: Scope & { projectId: string }) {
	const [projectRows, feedbackRows] = await opts.services.reads.batch([
		projectByIdQuery(opts, opts.projectId),
		feedbackRequestExistsQuery(opts)
	]);
	const project = projectRows[0];
	if (!project) throw notFound('That project');
	return {
		project: {
			id: project.id,
			name: project.name,
			description: project.description,
			status: project.status,
			startDate: project.startDate,
			dueDate: project.dueDate
		},
		hasFeedback: feedbackRows.length > 0
	};
}
