import { Hono } from 'hono';
import { closeFeedbackRequest } from '../../domain/feedback/close-feedback-request';
import { feedbackOverview } from '../../domain/feedback/feedback-overview';
import { getProjectFeedback } from '../../domain/feedback/get-project-feedback';
import { requestFeedback } from '../../domain/feedback/request-feedback';
import { submitFeedback } from '../../domain/feedback/submit-feedback';
import { readJson } from '../errors';
import { memberScopeOf, scopeOf } from '../middleware/context';
import type { ApiEnv } from '../types';

/** Feedback ratings: staff ask and close (dashboard), clients answer (their portal). */
export const feedbackRoutes = new Hono<ApiEnv>()
	.get('/', async (c) => c.json(await feedbackOverview({ ...scopeOf(c), input: c.req.query() })))
	.get('/projects/:projectId', async (c) =>
		c.json(await getProjectFeedback({ ...memberScopeOf(c), projectId: c.req.param('projectId') }))
	)
	.post('/projects/:projectId/requests', async (c) =>
		c.json(await requestFeedback({ ...scopeOf(c), projectId: c.req.param('projectId') }), 201)
	)
	.put('/requests/:requestId/response', async (c) =>
		c.json(await submitFeedback({ ...scopeOf(c), requestId: c.req.param('requestId'), input: await readJson(c) }))
	)
	.post('/requests/:requestId/close', async (c) =>
		c.json(await closeFeedbackRequest({ ...scopeOf(c), requestId: c.req.param('requestId') }))
	);
