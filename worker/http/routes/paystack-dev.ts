import type { Hono } from 'hono';
import { standInChargeSuccess, standInCheckout } from '../../domain/payments/stand-in-checkout';
import { standInCheckoutRoutes, type DeliverToApi } from './stand-in-checkout-routes';
import type { ApiEnv } from '../types';

/** The local stand-in for Paystack's checkout: "Pay" sends a signed charge.success, then the callback page. */
export function paystackDevRoutes(deliver: DeliverToApi): Hono<ApiEnv> {
	return standInCheckoutRoutes(deliver, {
		name: 'Paystack',
		slug: 'paystack',
		event: 'charge.success',
		signatureHeader: 'x-paystack-signature',
		find: standInCheckout,
		signPaidEvent: standInChargeSuccess,
		returnQuery: (reference) => `trxref=${reference}&reference=${reference}`
	});
}
