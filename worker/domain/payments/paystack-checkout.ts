import { createPaystackClient } from '../../services/paystack';
import { openPaystackSecret, usesStandIn } from '../../services/paystack-keys';
import { AppError, viaService } from '../errors';
import type { CheckoutRequest } from './checkout-request';

/** Opens a Paystack checkout (transaction/initialize) for a pending payment, or the local stand-in. */
export async function openPaystackCheckout(req: CheckoutRequest): Promise<{ url: string; providerRef: string | null }> {
	const { services, workspace } = req;
	if (usesStandIn(services.config, workspace))
		return { url: `/dev/paystack/checkout?reference=${req.reference}`, providerRef: null };
	const secretKey = await viaService(() => openPaystackSecret(services.config, workspace));
	if (!secretKey)
		throw new AppError(
			'upstream_unavailable',
			'Online payment is not available right now. Please try again later or contact us.'
		);
	const paystack = createPaystackClient({ fetch: services.fetch, secretKey });
	const checkout = await viaService(() =>
		paystack.initialize({
			email: req.email,
			amountMinor: req.amountMinor,
			currency: req.currency,
			reference: req.reference,
			callbackUrl: req.returnUrl,
			metadata: {
				invoice_id: req.invoiceId,
				invoice_number: req.invoiceNumber,
				workspace: workspace.slug,
				cancel_action: req.cancelUrl
			}
		})
	);
	return { url: checkout.authorizationUrl, providerRef: null };
}
