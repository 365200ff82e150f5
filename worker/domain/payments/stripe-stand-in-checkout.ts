import type { Services } from '../../services';
import { signStripeWebhook } from '../../services/stripe';
import { openStripeWebhookSecret, usesStripeStandIn } from '../../services/stripe-keys';
import { notFound, viaService } from '../errors';
import { findStandInPayment } from './stand-in-checkout';

/**
 * Development only: a stand-in for Stripe's hosted Checkout, for a workspace connected with the
 * stand-in key (stripe-keys.ts), so `npm start` can pay with Stripe offline. 404 anywhere else.
 */
export function stripeStandInCheckout({ services, reference }: { services: Services; reference: string }) {
	return findStandInPayment(services, reference, 'stripe', usesStripeStandIn);
}

/**
 * The checkout.session.completed event Stripe would send for this payment (the event envelope
 * and a Checkout Session object, trimmed to the fields that matter), signed like Stripe signs
 * (Stripe-Signature: t=...,v1=HMAC-SHA256 of "t.body") with the workspace's own webhook secret.
 */
export async function stripeStandInSessionCompleted({
	services,
	reference
}: {
	services: Services;
	reference: string;
}) {
	const { payment, workspace, invoiceNumber } = await stripeStandInCheckout({ services, reference });
	const secret = await viaService(() => openStripeWebhookSecret(services.config, workspace));
	if (!secret) throw notFound('That checkout');
	const now = services.clock.now();
	const random = () =>
		Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
	const body = JSON.stringify({
		id: `evt_standin_${random()}`,
		object: 'event',
		api_version: '2025-03-31.basil',
		created: Math.floor(now / 1000),
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type: 'checkout.session.completed',
		data: {
			object: {
				id: `cs_test_standin_${random()}`,
				object: 'checkout.session',
				mode: 'payment',
				status: 'complete',
				payment_status: 'paid',
				client_reference_id: payment.reference,
				amount_total: payment.amountMinor,
				currency: payment.currency.toLowerCase(),
				payment_intent: `pi_standin_${random()}`,
				customer: `cus_standin_${payment.clientId}`,
				created: Math.floor(payment.createdAt / 1000),
				livemode: false,
				metadata: {
					invoice_id: payment.invoiceId,
					invoice_number: invoiceNumber,
					workspace: workspace.slug,
					reference: payment.reference
				},
				url: null
			}
		}
	});
	return {
		workspaceSlug: workspace.slug,
		invoiceId: payment.invoiceId,
		body,
		signature: await signStripeWebhook({ rawBody: body, secret, timestampMs: now })
	};
}
