import Stripe from 'stripe';
import { z } from 'zod';
import { ServiceUnavailableError } from './errors';

/**
 * Stripe through its official package, on Workers: HTTP via the package's fetch client (given our
 * own fetch, so tests stub it at the same edge as Paystack) and webhook signatures via SubtleCrypto.
 * Amounts are in the currency's smallest unit, which is exactly our minor units. Responses we act
 * on are validated; anything unexpected becomes a ServiceUnavailableError with a message safe to show.
 */
export const STRIPE_TIMEOUT_MS = 10_000;
/** How old a signed webhook may be (seconds): Stripe's default; an older delivery is a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_S = 300;

export type CheckoutSessionInput = {
	email: string;
	amountMinor: number;
	currency: string;
	reference: string;
	description: string;
	successUrl: string;
	cancelUrl: string;
	metadata: Record<string, string>;
	/** Keep the card on a Stripe Customer for later off-session charges (autopay, with consent). */
	saveCard?: boolean;
};

/** The parts of a Checkout Session (API response or event object) we check against our own record. */
export const stripeCheckoutSession = z.object({
	id: z.string().min(1),
	object: z.literal('checkout.session'),
	client_reference_id: z.string().nullish(),
	status: z.string().nullish(),
	payment_status: z.string(),
	amount_total: z.number().int().nullish(),
	currency: z
		.string()
		.nullish()
		.transform((c) => (c ? c.toUpperCase() : null)),
	payment_intent: z
		.union([z.string(), z.object({ id: z.string() })])
		.nullish()
		.transform((p) => (p == null ? null : typeof p === 'string' ? p : p.id)),
	url: z.string().nullish(),
	customer: z
		.union([z.string(), z.object({ id: z.string() })])
		.nullish()
		.transform((c) => (c == null ? null : typeof c === 'string' ? c : c.id)),
	created: z.number().int().optional()
});
export type StripeCheckoutSession = z.output<typeof stripeCheckoutSession>;

export interface StripeClient {
	createCheckoutSession(input: CheckoutSessionInput): Promise<{ id: string; url: string }>;
	retrieveCheckoutSession(id: string): Promise<StripeCheckoutSession>;
	/** The card a PaymentIntent was paid with: its PaymentMethod id and a label ("Visa ending 4242"). */
	paymentMethodOf(paymentIntentId: string): Promise<{ paymentMethodId: string; label: string }>;
	/** Charges a saved card off-session (PaymentIntent confirm=true, off_session=true), once per reference. */
	chargeSavedCard(input: {
		customer: string;
		paymentMethodId: string;
		amountMinor: number;
		currency: string;
		reference: string;
		metadata: Record<string, string>;
	}): Promise<{ id: string; status: string; amount: number; currency: string }>;
}

const paymentIntent = z.object({
	id: z.string(),
	status: z.string(),
	amount: z.number().int(),
	currency: z.string().transform((c) => c.toUpperCase()),
	payment_method: z
		.union([
			z.string(),
			z.object({ id: z.string(), card: z.object({ brand: z.string(), last4: z.string() }).nullish() })
		])
		.nullish()
});

function unavailable(what: string, cause: unknown): ServiceUnavailableError {
	// Stripe's own message for a request it refused (e.g. an unsupported currency) is safe and useful to show.
	if (cause instanceof Stripe.errors.StripeInvalidRequestError || cause instanceof Stripe.errors.StripeCardError) {
		return new ServiceUnavailableError(`Stripe could not ${what}: ${cause.message}`, { cause });
	}
	return new ServiceUnavailableError('Stripe did not answer. Please try again in a moment.', { cause });
}

export function createStripeClient(deps: { fetch: typeof fetch; secretKey: string; timeoutMs?: number }): StripeClient {
	const stripe = new Stripe(deps.secretKey, {
		httpClient: Stripe.createFetchHttpClient(deps.fetch),
		timeout: deps.timeoutMs ?? STRIPE_TIMEOUT_MS,
		maxNetworkRetries: 0,
		telemetry: false
	});
	return {
		async createCheckoutSession(input) {
			let session: unknown;
			try {
				session = await stripe.checkout.sessions.create(
					{
						mode: 'payment',
						customer_email: input.email,
						client_reference_id: input.reference,
						line_items: [
							{
								quantity: 1,
								price_data: {
									currency: input.currency.toLowerCase(),
									unit_amount: input.amountMinor,
									product_data: { name: input.description }
								}
							}
						],
						success_url: input.successUrl,
						cancel_url: input.cancelUrl,
						metadata: { ...input.metadata, reference: input.reference },
						payment_intent_data: {
							metadata: { ...input.metadata, reference: input.reference },
							...(input.saveCard ? { setup_future_usage: 'off_session' as const } : {})
						},
						...(input.saveCard ? { customer_creation: 'always' as const } : {})
					},
					// A retried "Pay now" for the same attempt never opens two sessions.
					{ idempotencyKey: `checkout-${input.reference}` }
				);
			} catch (cause) {
				throw unavailable('start the payment', cause);
			}
			const parsed = stripeCheckoutSession.safeParse(session);
			if (!parsed.success || !parsed.data.url)
				throw new ServiceUnavailableError('Stripe gave an unexpected answer. Please try again.');
			return { id: parsed.data.id, url: parsed.data.url };
		},
		async retrieveCheckoutSession(id) {
			let session: unknown;
			try {
				session = await stripe.checkout.sessions.retrieve(id);
			} catch (cause) {
				throw unavailable('check the payment', cause);
			}
			const parsed = stripeCheckoutSession.safeParse(session);
			if (!parsed.success) throw new ServiceUnavailableError('Stripe gave an unexpected answer. Please try again.');
			return parsed.data;
		},
		async paymentMethodOf(paymentIntentId) {
			let pi: unknown;
			try {
				pi = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] });
			} catch (cause) {
				throw unavailable('find the card', cause);
			}
			const parsed = paymentIntent.safeParse(pi);
			const method = parsed.success ? parsed.data.payment_method : null;
			if (!method || typeof method === 'string')
				throw new ServiceUnavailableError('Stripe gave an unexpected answer. Please try again.');
			const card = method.card;
			return {
				paymentMethodId: method.id,
				label: card
					? `${card.brand[0].toUpperCase()}${card.brand.slice(1)} ending ${card.last4}`
					: 'Saved payment method'
			};
		},
		async chargeSavedCard(input) {
			let pi: unknown;
			try {
				pi = await stripe.paymentIntents.create(
					{
						amount: input.amountMinor,
						currency: input.currency.toLowerCase(),
						customer: input.customer,
						payment_method: input.paymentMethodId,
						off_session: true,
						confirm: true,
						metadata: { ...input.metadata, reference: input.reference }
					},
					{ idempotencyKey: `autopay-${input.reference}` }
				);
			} catch (cause) {
				// A declined off-session charge is an answer, not an outage: report it as failed.
				if (cause instanceof Stripe.errors.StripeCardError)
					return { id: '', status: 'failed', amount: input.amountMinor, currency: input.currency.toUpperCase() };
				throw unavailable('charge the saved card', cause);
			}
			const parsed = paymentIntent.safeParse(pi);
			if (!parsed.success) throw new ServiceUnavailableError('Stripe gave an unexpected answer. Please try again.');
			return {
				id: parsed.data.id,
				status: parsed.data.status,
				amount: parsed.data.amount,
				currency: parsed.data.currency
			};
		}
	};
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/**
 * Checks a webhook's Stripe-Signature header against the raw body with the endpoint's signing
 * secret (HMAC-SHA256, constant time, timestamp within the tolerance of `receivedAtMs`) and
 * returns the event's type, id and object. Null when it does not verify.
 */
export async function verifyStripeWebhook(args: {
	rawBody: string;
	signature: string;
	secret: string;
	receivedAtMs: number;
}): Promise<{ id: string; type: string; object: unknown } | null> {
	try {
		const event = await Stripe.webhooks.constructEventAsync(
			args.rawBody,
			args.signature,
			args.secret,
			STRIPE_WEBHOOK_TOLERANCE_S,
			cryptoProvider,
			args.receivedAtMs /* ms, not seconds */
		);
		return { id: event.id, type: event.type, object: event.data.object };
	} catch {
		// A bad, missing or stale signature (or, once signed, a body that is not an event).
		return null;
	}
}

/** A Stripe-Signature header for `rawBody` at `timestampMs` (the dev stand-in checkout and tests sign like Stripe). */
export function signStripeWebhook(args: { rawBody: string; secret: string; timestampMs: number }): Promise<string> {
	return Stripe.webhooks.generateTestHeaderStringAsync({
		payload: args.rawBody,
		secret: args.secret,
		timestamp: Math.floor(args.timestampMs / 1000),
		cryptoProvider
	});
}
