import type { Hono } from 'hono';
import { stripeStandInCheckout, stripeStandInSessionCompleted } from '../../domain/payments/stripe-stand-in-checkout';
import { standInCheckoutRoutes, type DeliverToApi } from './stand-in-checkout-routes';
import type { ApiEnv } from '../types';

/** The local stand-in for Stripe Checkout: "Pay" sends a signed checkout.session.completed, then the success URL. */
export function stripeDevRoutes(deliver: DeliverToApi): Hono<ApiEnv> {
	return standInCheckoutRoutes(deliver, {
		name: 'Stripe',
		slug: 'stripe',
		event: 'checkout.session.completed',
		signatureHeader: 'stripe-signature',
		find: stripeStandInCheckout,
		signPaidEvent: stripeStandInSessionCompleted,
		returnQuery: (reference) => `reference=${reference}`
	});
}
