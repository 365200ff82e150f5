import type { payments } from '../../../db/schema';
import { stripeCheckoutSession, verifyStripeWebhook, type StripeCheckoutSession } from '../../services/stripe';
import { openStripeWebhookSecret } from '../../services/stripe-keys';
import { viaService } from '../errors';
import { applySuccessfulPayment } from './apply-successful-payment';
import { stripeReusableCard } from './reusable-card';
import {
	findWebhookPayment,
	webhookRejecter,
	webhookWorkspace,
	type RejectWebhook,
	type WebhookDelivery,
	type WebhookResult
} from './webhook-delivery';

/** The events that say a Checkout Session was paid (card: completed; delayed methods: async_payment_succeeded). */
const PAID_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);

const reject: RejectWebhook = webhookRejecter('stripe');

/** What a paid Checkout Session must match: our reference, paid, the exact amount and currency. */
export function sessionMismatch(
	payment: Pick<typeof payments.$inferSelect, 'reference' | 'amountMinor' | 'currency'>,
	session: StripeCheckoutSession
): string | null {
	if (session.client_reference_id !== payment.reference) return 'reference';
	if (session.payment_status !== 'paid') return `payment status ${session.payment_status}`;
	if (session.amount_total !== payment.amountMinor) return 'amount';
	if (session.currency !== payment.currency.toUpperCase()) return 'currency';
	return null;
}

/**
 * POST /webhooks/stripe/:workspace. The URL says whose endpoint signing secret to use (each
 * workspace adds its own endpoint in its Stripe dashboard); the Stripe-Signature header is
 * verified against the raw body, timestamp included (an old delivery replayed is refused),
 * before anything in it is trusted. A paid Checkout Session is then matched to our pending
 * payment by client_reference_id and checked (amount, currency) and applied exactly once
 * (apply-successful-payment.ts). Rejections change nothing.
 */
export async function handleStripeWebhook(opts: WebhookDelivery): Promise<WebhookResult> {
	const { services } = opts;
	const { workspace, context } = await webhookWorkspace(opts, 'stripe');
	const secret = await viaService(() => openStripeWebhookSecret(services.config, workspace));
	if (!secret) reject('unauthenticated', 'the workspace has no Stripe webhook secret', context);
	if (!opts.signature) reject('unauthenticated', 'no signature', context);
	const event = await verifyStripeWebhook({
		rawBody: new TextDecoder().decode(opts.rawBody),
		signature: opts.signature,
		secret,
		receivedAtMs: services.clock.now()
	});
	if (!event) reject('unauthenticated', 'bad or stale signature', context);

	// From here on the body is known to come from Stripe (or the dev stand-in, signed with this secret).
	if (!PAID_EVENTS.has(event.type)) return { outcome: 'ignored' };
	const parsed = stripeCheckoutSession.safeParse(event.object);
	if (!parsed.success) reject('bad_request', `${event.type} without a checkout session`, context);
	const session = parsed.data;
	// completed but not yet paid (a bank debit still processing): async_payment_succeeded follows.
	if (session.payment_status !== 'paid') return { outcome: 'ignored' };
	const reference = session.client_reference_id ?? '';
	const logContext = { ...context, reference: reference.slice(0, 100), event: event.id.slice(0, 100) };

	const { seen, row } = await findWebhookPayment(services, {
		provider: 'stripe',
		workspaceId: workspace.id,
		event: 'checkout.session.paid',
		reference
	});
	if (!row) reject('not_found', 'unknown reference', logContext);
	if (seen) return { outcome: 'duplicate' };
	const mismatch = sessionMismatch(row.payment, session);
	if (mismatch) reject('conflict', `${mismatch} does not match the payment`, logContext);

	const { applied } = await applySuccessfulPayment(
		{ services, workspace },
		// One dedupe key for both paid events, so completed + async_payment_succeeded count once.
		{
			payment: row.payment,
			invoice: row.invoice,
			providerTransactionId: session.payment_intent ?? session.id,
			paidAt: services.clock.now(),
			webhookEvent: 'checkout.session.paid',
			reusable: stripeReusableCard(session, row.invoice)
		}
	);
	return { outcome: applied ? 'applied' : 'duplicate' };
}
