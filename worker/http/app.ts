import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../domain/errors';
import { errorResponse } from './errors';
import { requestContext, sameOrigin } from './middleware/context';
import { activityRoutes } from './routes/activity';
import { authRoutes } from './routes/auth';
import { devRoutes } from './routes/dev';
import { feedbackRoutes } from './routes/feedback';
import { intakeFormRoutes, publicFormRoutes } from './routes/intake';
import { leadRoutes } from './routes/leads';
import { settingsRoutes } from './routes/settings';
import { signupRoutes } from './routes/signup';
import type { ApiEnv } from './types';

/** JSON API limit; file uploads have their own (MAX_UPLOAD_BYTES) on their routes. */
export const JSON_BODY_LIMIT = 1024 * 1024;

export function createApi() {
	const app = new Hono<ApiEnv>();
	app.use('*', requestContext);
	app.use('/api/*', sameOrigin);
	app.use(
		'/api/*',
		bodyLimit({
			maxSize: JSON_BODY_LIMIT,
			onError: () => {
				throw new AppError('payload_too_large', 'The request body is too large.');
			}
		})
	);

	app.get('/api/health', (c) => c.json({ ok: true }));
	app.route('/api/auth', authRoutes);
	app.route('/api/settings', settingsRoutes);
	app.route('/api/signup', signupRoutes);
	app.route('/api/intake-forms', intakeFormRoutes);
	app.route('/api/public/forms', publicFormRoutes);
	app.route('/api/leads', leadRoutes);
	app.route('/api/feedback', feedbackRoutes);
	app.route('/api/activity', activityRoutes);
	app.route('/dev', devRoutes);

	app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such endpoint.' } }, 404));
	app.onError((error, c) => errorResponse(c, error));
	return app;
}

export const api = createApi();
