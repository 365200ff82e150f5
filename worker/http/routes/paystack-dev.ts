import { Hono } from 'hono';
import { standInChargeSuccess, standInCheckout } from '../../domain/payments/stand-in-checkout';
import { callbackPath } from '../../domain/payments/start-payment';
import { standInPage } from './stand-in-page';
import type { ApiEnv } from '../types';

/** The whole API's fetch: app.ts passes its own, so this file need not import the app (that was an import cycle). */
export type DeliverToApi = Hono<ApiEnv>['fetch'];

/**
 * The local stand-in for Paystack's checkout (development only; 404 anywhere
 * else). "Pay" sends a signed charge.success through the real webhook route,
 * then returns the browser to the callback page, as Paystack would.
 */
export function paystackDevRoutes(deliver: DeliverToApi): Hono<ApiEnv> {
	const routes = new Hono<ApiEnv>();
	routes.use('*', async (c, next) => {
		if (!c.get('services').config.isDevelopment)
			return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
		await next();
	});

	routes.get('/checkout', async (c) => {
		const { payment, workspace, invoiceNumber } = await standInCheckout({
			services: c.get('services'),
			reference: c.req.query('reference') ?? ''
		});
		return c.html(
			standInPage({
				provider: 'Paystack',
				event: 'charge.success',
				action: '/dev/paystack/checkout',
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
			const { payment } = await standInCheckout({ services, reference });
			return c.redirect(`/invoices/${payment.invoiceId}`, 303);
		}
		const signed = await standInChargeSuccess({ services, reference });
		// Through the real webhook route, exactly as Paystack would deliver it.
		const delivery = await deliver(
			new Request(new URL(`/webhooks/paystack/${signed.workspaceSlug}`, c.req.url), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-paystack-signature': signed.signature },
				body: signed.body
			}),
			c.env,
			c.executionCtx
		);
		if (!delivery.ok) console.warn('stand-in checkout: the webhook was rejected', delivery.status);
		return c.redirect(`${callbackPath(signed.invoiceId)}?trxref=${reference}&reference=${reference}`, 303);
	});
	return routes;
}
