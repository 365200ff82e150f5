import { Hono } from 'hono';
import { formatMoney } from '../../domain/format';
import { standInChargeSuccess, standInCheckout } from '../../domain/payments/stand-in-checkout';
import { callbackPath } from '../../domain/payments/start-payment';
import { escapeHtml } from '../../services/mail/layout';
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
		if (!c.get('services').config.isDevelopment) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
		await next();
	});

	routes.get('/checkout', async (c) => {
		const { payment, workspace, invoiceNumber } = await standInCheckout(c.get('services'), c.req.query('reference') ?? '');
		const e = escapeHtml;
		const amount = formatMoney(payment.amountMinor, payment.currency);
		const done = payment.status !== 'pending';
		return c.html(
			`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test checkout · ${e(invoiceNumber)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827;margin:0;padding:2rem 1rem}main{max-width:26rem;margin:0 auto;background:#fff;border:1px solid #d1d5db;border-radius:8px;padding:1.5rem}p.note{background:#fffbeb;border:1px solid #fde68a;color:#78350f;padding:.75rem;border-radius:6px;font-size:.9rem}.amount{font-size:2rem;font-weight:700;margin:.25rem 0 1rem}button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border-radius:6px;border:1px solid #6b7280;background:#fff;cursor:pointer;width:100%;margin-top:.5rem}button.pay{background:#0f766e;border-color:#0f766e;color:#fff}:focus-visible{outline:3px solid #2563eb;outline-offset:2px}</style></head>
<body><main><h1>Test checkout</h1>
<p class="note">Development stand-in for Paystack. No money moves: "Pay" sends a signed <code>charge.success</code> webhook to this app.</p>
<p>${e(workspace.displayName ?? workspace.name)} · Invoice ${e(invoiceNumber)}</p>
<p class="amount">${e(amount)}</p>
${
	done
		? `<p>This payment is ${e(payment.status)}.</p><p><a href="${e(callbackPath(payment.invoiceId))}?reference=${e(payment.reference)}">Back to the invoice</a></p>`
		: `<form method="POST" action="/dev/paystack/checkout"><input type="hidden" name="reference" value="${e(payment.reference)}"><button class="pay" type="submit" name="action" value="pay">Pay ${e(amount)}</button><button type="submit" name="action" value="cancel">Cancel payment</button></form>`
}
</main></body></html>`,
			200,
			{ 'Cache-Control': 'no-store' }
		);
	});

	routes.post('/checkout', async (c) => {
		const services = c.get('services');
		const form = await c.req.parseBody();
		const reference = String(form.reference ?? '');
		if (form.action === 'cancel') {
			const { payment } = await standInCheckout(services, reference);
			return c.redirect(`/invoices/${payment.invoiceId}`, 303);
		}
		const signed = await standInChargeSuccess(services, reference);
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
