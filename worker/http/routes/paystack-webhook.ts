import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors';
import { handlePaystackWebhook } from '../../domain/payments/handle-paystack-webhook';
import type { ApiEnv } from '../types';

/**
 * Paystack webhooks, one URL per workspace: /webhooks/paystack/<workspace slug>
 * (shown on Settings -> Payments). The raw bytes go to the domain function,
 * which verifies the signature before anything else; the answer is immediate
 * and receipts are sent after it.
 */
export const paystackWebhookRoutes = new Hono<ApiEnv>();

paystackWebhookRoutes.post(
	'/:workspace',
	bodyLimit({
		maxSize: 256 * 1024,
		onError: () => {
			throw new AppError('payload_too_large', 'The webhook body is too large.');
		}
	}),
	async (c) => {
		const result = await handlePaystackWebhook({
			services: c.get('services'),
			workspaceSlug: c.req.param('workspace'),
			rawBody: new Uint8Array(await c.req.arrayBuffer()),
			signature: c.req.header('x-paystack-signature')
		});
		return c.json({ ok: true, ...result }, 200, { 'Cache-Control': 'no-store' });
	}
);
