import { Hono } from 'hono';
import type { findStandInPayment } from '../../domain/payments/stand-in-checkout';
import { callbackPath } from '../../domain/payments/start-payment';
import type { Services } from '../../services';
import { standInPage } from './stand-in-page';
import type { ApiEnv } from '../types';

/** The whole API's fetch: app.ts passes its own, so this file need not import the app (that was an import cycle). */
export type DeliverToApi = Hono<ApiEnv>['fetch'];

/** What differs between the providers' development stand-in checkouts. */
export type StandInProvider = {
	/** Shown on the page. */
	name: string;
	/** The URL segment: /dev/<slug>/checkout, and the webhook route /webhooks/<slug>/<workspace>. */
	slug: 'paystack' | 'stripe';
	/** The webhook event "Pay" sends. */
	event: string;
	signatureHeader: string;
	/** The pending payment this stand-in may complete (findStandInPayment for the provider); 404 otherwise. */
	find: (opts: { services: Services; reference: string }) => ReturnType<typeof findStandInPayment>;
	/** The paid event for the payment, signed as the provider signs it. */
	signPaidEvent: (opts: {
		services: Services;
		reference: string;
	}) => Promise<{ workspaceSlug: string; invoiceId: string; body: string; signature: string }>;
	/** The query string the provider returns the browser to the callback page with. */
	returnQuery: (reference: string) => string;
};

/**
 * A provider's local stand-in checkout (development only; 404 anywhere else). "Pay" sends the
 * signed paid event through the real webhook route, exactly as the provider would deliver it,
 * then returns the browser to the callback page as the provider would.
 */
export function standInCheckoutRoutes(deliver: DeliverToApi, provider: StandInProvider): Hono<ApiEnv> {
	const routes = new Hono<ApiEnv>();
	routes.use('*', async (c, next) => {
		if (!c.get('services').config.isDevelopment)
			return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
		await next();
	});

	routes.get('/checkout', async (c) => {
		const { payment, workspace, invoiceNumber } = await provider.find({
			services: c.get('services'),
			reference: c.req.query('reference') ?? ''
		});
		return c.html(
			standInPage({
				provider: provider.name,
				event: provider.event,
				action: `/dev/${provider.slug}/checkout`,
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
			const { payment } = await provider.find({ services, reference });
			return c.redirect(`/invoices/${payment.invoiceId}`, 303);
		}
		const signed = await provider.signPaidEvent({ services, reference });
		const delivery = await deliver(
			new Request(new URL(`/webhooks/${provider.slug}/${signed.workspaceSlug}`, c.req.url), {
				method: 'POST',
				headers: { 'content-type': 'application/json', [provider.signatureHeader]: signed.signature },
				body: signed.body
			}),
			c.env,
			c.executionCtx
		);
		if (!delivery.ok) console.warn(`${provider.slug} stand-in checkout: the webhook was rejected`, delivery.status);
		return c.redirect(`${callbackPath(signed.invoiceId)}?${provider.returnQuery(reference)}`, 303);
	});
	return routes;
}
