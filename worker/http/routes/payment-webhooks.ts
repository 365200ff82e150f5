import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors';
import { handlePaystackWebhook } from '../../domain/payments/handle-paystack-webhook';
import { handleStripeWebhook } from '../../domain/payments/handle-stripe-webhook';
import type { WebhookDelivery } from '../../domain/payments/webhook-delivery';
import type { ApiEnv } from '../types';

type HandleWebhook = (opts: WebhookDelivery) => Promise<object>;

/**
 * A payment provider's webhooks, one URL per workspace: /webhooks/<provider>/<workspace slug>
 * (shown on Settings -> Payments). The raw bytes and the signature header go to the domain
 * function, which verifies the signature before anything else; the answer is immediate and
 * receipts are sent after it.
 */
function providerWebhookRoutes(handle: HandleWebhook, signatureHeader: string) {
	return new Hono<ApiEnv>().post(
		'/:workspace',
		bodyLimit({
			maxSize: 256 * 1024,
			onError: () => {
				throw new AppError('payload_too_large', 'The webhook body is too large.');
			}
		}),
		async (c) => {
			const result = await handle({
				services: c.get('services'),
				workspaceSlug: c.req.param('workspace'),
				rawBody: new Uint8Array(await c.req.arrayBuffer()),
				signature: c.req.header(signatureHeader)
			});
			return c.json({ ok: true, ...result }, 200, { 'Cache-Control': 'no-store' });
		}
	);
}

export const paystackWebhookRoutes = providerWebhookRoutes(handlePaystackWebhook, 'x-paystack-signature');
export const stripeWebhookRoutes = providerWebhookRoutes(handleStripeWebhook, 'stripe-signature');
