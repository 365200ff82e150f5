import { Hono } from 'hono';
import { stripeStandInCheckout, stripeStandInSessionCompleted } from '../../domain/payments/stripe-stand-in-checkout';
import { callbackPath } from '../../domain/payments/start-payment';
import type { DeliverToApi } from './paystack-dev';
import { standInPage } from './stand-in-page';
import type { ApiEnv } from '../types';

/**
 * The local stand-in for Stripe Checkout (development only; 404 anywhere else). "Pay" sends a
 * signed checkout.session.completed through the real webhook route, then returns the browser to
 * the success URL, as Stripe would.
 */
export function stripeDevRoutes(deliver: DeliverToApi): Hono<ApiEnv> {
	const routes = new Hono<ApiEnv>();
	routes.use('*', async (c, next) => {
		if (!c.get('services').config.isDevelopment)
			return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
		await next();
	});

	routes.get('/checkout', async (c) => {
		const { payment, workspace, invoiceNumber } = await stripeStandInCheckout({
			services: c.get('services'),
			reference: c.req.query('reference') ?? ''
		});
		return c.html(
			standInPage({
				provider: 'Stripe',
				event: 'checkout.session.completed',
				action: '/dev/stripe/checkout',
				payment,
				workspace,
				invoiceNumber
			}),
			200,
			{ 'Cache-Control': 'no-store' }
		);
	});

	routes.post('/checkout', async (c) => {
		const services = c.get('services');
		const form = await c.req.parseBody();
		const reference = String(form.reference ?? '');
		if (form.action === 'cancel') {
			const { payment } = await stripeStandInCheckout({ services, reference });
			return c.redirect(`/invoices/${payment.invoiceId}`, 303);
		}
		const signed = await stripeStandInSessionCompleted({ services, reference });
		const delivery = await deliver(
			new Request(new URL(`/webhooks/stripe/${signed.workspaceSlug}`, c.req.url), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
				body: signed.body
			}),
			c.env,
			c.executionCtx
		);
		if (!delivery.ok) console.warn('stripe stand-in checkout: the webhook was rejected', delivery.status);
		return c.redirect(`${callbackPath(signed.invoiceId)}?reference=${reference}`, 303);
	});
	return routes;
}
