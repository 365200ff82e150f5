import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors';
import { handleStripeWebhook } from '../../domain/payments/handle-stripe-webhook';
import type { ApiEnv } from '../types';

/**
 * Stripe webhooks, one endpoint per workspace: /webhooks/stripe/<workspace slug> (shown on
 * Settings -> Payments). The raw bytes go to the domain function, which verifies the
 * Stripe-Signature before anything else.
 */
export const stripeWebhookRoutes = new Hono<ApiEnv>();

stripeWebhookRoutes.post(
	'/:workspace',
	bodyLimit({
		maxSize: 256 * 1024,
		onError: () => {
			throw new AppError('payload_too_large', 'The webhook body is too large.');
		}
	}),
	async (c) => {
		const result = await handleStripeWebhook({
			services: c.get('services'),
			workspaceSlug: c.req.param('workspace'),
			rawBody: new Uint8Array(await c.req.arrayBuffer()),
			signature: c.req.header('stripe-signature')
		});
		return c.json({ ok: true, ...result }, 200, { 'Cache-Control': 'no-store' });
	}
);
