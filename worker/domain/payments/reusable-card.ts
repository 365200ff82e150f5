import type { AppConfig } from '../../services/config';
import type { PaystackTransaction } from '../../services/paystack';
import { sealPaystackSecret } from '../../services/paystack-keys';
import type { StripeCheckoutSession } from '../../services/stripe';

export type ReusableCard = { authEnc: string | null; label: string | null; customer: string };

const capitalised = (s: string) => (s ? `${s[0].toUpperCase()}${s.slice(1)}` : s);

/**
 * What a successful payment leaves for autopay: only for an invoice a recurring schedule made,
 * and only a card the provider says can be charged again. Paystack: the authorization_code
 * (sealed like the keys) and the customer's email. Stripe: the Customer; the card itself is
 * looked up when the client consents (confirm via PaymentIntent).
 */
export async function paystackReusableCard(
	config: AppConfig,
	tx: PaystackTransaction,
	invoice: { recurringInvoiceId?: string | null }
): Promise<ReusableCard | null> {
	const auth = tx.authorization;
	if (!invoice.recurringInvoiceId || !auth?.reusable || !tx.customer?.email) return null;
	const brand = capitalised((auth.brand ?? auth.card_type ?? 'card').trim());
	return {
		authEnc: await sealPaystackSecret(config, auth.authorization_code),
		label: auth.last4 ? `${brand} ending ${auth.last4}` : brand,
		customer: tx.customer.email
	};
}

export function stripeReusableCard(
	session: StripeCheckoutSession,
	invoice: { recurringInvoiceId?: string | null }
): ReusableCard | null {
	if (!invoice.recurringInvoiceId || !session.customer) return null;
	return { authEnc: null, label: null, customer: session.customer };
}
