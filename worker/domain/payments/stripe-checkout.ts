import { createStripeClient } from '../../services/stripe';
import { openStripeSecret, usesStripeStandIn } from '../../services/stripe-keys';
import { AppError, viaService } from '../errors';
import type { CheckoutRequest } from './checkout-request';

/**
 * Opens a Stripe Checkout Session (mode payment, one line for the amount, our reference as
 * client_reference_id and in the metadata) or, for the development stand-in key, the local
 * stand-in. The session id is kept on the payment so the return page can ask Stripe about it.
 */
export async function openStripeCheckout(req: CheckoutRequest): Promise<{ url: string; providerRef: string | null }> {
	const { services, workspace } = req;
	if (usesStripeStandIn(services.config, workspace))
		return { url: `/dev/stripe/checkout?reference=${req.reference}`, providerRef: null };
	const secretKey = await viaService(() => openStripeSecret(services.config, workspace));
	if (!secretKey)
		throw new AppError(
			'upstream_unavailable',
			'Online payment is not available right now. Please try again later or contact us.'
		);
	const session = await viaService(() =>
		createStripeClient({ fetch: services.fetch, secretKey }).createCheckoutSession({
			email: req.email,
			amountMinor: req.amountMinor,
			currency: req.currency,
			reference: req.reference,
			description: `Invoice ${req.invoiceNumber}`,
			successUrl: `${req.returnUrl}?reference=${req.reference}`,
			cancelUrl: req.cancelUrl,
			metadata: { invoice_id: req.invoiceId, invoice_number: req.invoiceNumber, workspace: workspace.slug },
			saveCard: req.saveCard
		})
	);
	return { url: session.url, providerRef: session.id };
}
