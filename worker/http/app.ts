import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../domain/errors';
import { errorResponse } from './errors';
import { requestContext, sameOrigin, secondFactorGate } from './middleware/context';
import { accountRoutes } from './routes/account';
import { activityRoutes } from './routes/activity';
import { authRoutes } from './routes/auth';
import { clientRoutes } from './routes/clients';
import { devRoutes } from './routes/dev';
import { projectRoutes } from './routes/projects';
import { taskRoutes } from './routes/tasks';
import { threadRoutes } from './routes/threads';
import { recurringInvoiceRoutes } from './routes/recurring-invoices';
import { invoiceRoutes } from './routes/invoices';
import { paymentRoutes } from './routes/payments';
import { paystackDevRoutes } from './routes/paystack-dev';
import { paystackWebhookRoutes, stripeWebhookRoutes } from './routes/payment-webhooks';
import { stripeDevRoutes } from './routes/stripe-dev';
import { fileRoutes } from './routes/files';
import { timeRoutes } from './routes/time';
import { quoteRoutes } from './routes/quotes';
import { searchRoutes } from './routes/search';
import { exportRoutes } from './routes/exports';
import { contractRoutes } from './routes/contracts';
import { feedbackRoutes } from './routes/feedback';
import { intakeFormRoutes, publicFormRoutes } from './routes/intake';
import { leadRoutes } from './routes/leads';
import { settingsRoutes } from './routes/settings';
import { signupRoutes } from './routes/signup';
import type { ApiEnv } from './types';

/** JSON API limit; file uploads have their own (MAX_UPLOAD_BYTES) on their routes. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/** Routes that stream their body to storage and enforce their own size limit (MAX_UPLOAD_BYTES). */
export function isStreamedUpload(method: string, path: string): boolean {
	const p = path.replace(/\/+$/, '');
	return method === 'POST' && (p === '/api/files' || /^\/api\/threads\/[^/]+\/attachments$/.test(p));
}

export function createApi() {
	const app = new Hono<ApiEnv>();
	// Registered before the middleware, so it touches nothing: the benchmark's floor and a liveness probe.
	app.get('/api/health', (c) => c.json({ ok: true }));
	app.use('*', requestContext);
	app.use('/api/*', secondFactorGate);
	app.use('/api/*', sameOrigin);
	const jsonBodyLimit = bodyLimit({
		maxSize: JSON_BODY_LIMIT,
		onError: () => {
			throw new AppError('payload_too_large', 'The request body is too large.');
		}
	});
	app.use('/api/*', (c, next) => (isStreamedUpload(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)));

	app.route('/api/auth', authRoutes);
	app.route('/api/account', accountRoutes);
	app.route('/api/clients', clientRoutes);
	app.route('/api/projects', projectRoutes);
	app.route('/api/tasks', taskRoutes);
	app.route('/api/threads', threadRoutes);
	app.route('/api/files', fileRoutes);
	app.route('/api/time', timeRoutes);
	app.route('/api/settings', settingsRoutes);
	app.route('/api/signup', signupRoutes);
	app.route('/api/intake-forms', intakeFormRoutes);
	app.route('/api/public/forms', publicFormRoutes);
	app.route('/api/leads', leadRoutes);
	app.route('/api/feedback', feedbackRoutes);
	app.route('/api/activity', activityRoutes);
	app.route('/dev', devRoutes);
	app.route('/api/invoices', invoiceRoutes);
	app.route('/api/recurring-invoices', recurringInvoiceRoutes);
	app.route('/api/payments', paymentRoutes);
	app.route('/webhooks/paystack', paystackWebhookRoutes);
	app.route('/dev/paystack', paystackDevRoutes(app.fetch));
	app.route('/webhooks/stripe', stripeWebhookRoutes);
	app.route('/dev/stripe', stripeDevRoutes(app.fetch));
	app.route('/api/quotes', quoteRoutes);
	app.route('/api/contracts', contractRoutes);
	app.route('/api/search', searchRoutes);
	app.route('/api/exports', exportRoutes);

	app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such endpoint.' } }, 404));
	app.onError((error, c) => errorResponse(c, error));
	return app;
}

export const api = createApi();
