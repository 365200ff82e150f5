import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { PAYMENT_PROVIDERS, payments, type PaymentProvider } from '../../../db/schema';
import { newId } from '../../services/ids';
import { requireClient } from '../actor';
import { AppError } from '../errors';
import { getInvoice } from '../invoices/get-invoice';
import { isPayable } from '../invoices/invoice-status';
import type { Scope } from '../scope';
import { amountToPay } from './amount-to-pay';
import type { CheckoutRequest } from './checkout-request';
import { newPaymentReference } from './payment-reference';
import { openPaystackCheckout } from './paystack-checkout';
import { availableProviders, PROVIDER_LABELS } from './providers';
import { openStripeCheckout } from './stripe-checkout';

/** Where the client returns after paying (Paystack appends ?trxref=...&reference=...; Stripe's success URL carries ?reference=...). */
export const callbackPath = (invoiceId: string) => `/invoices/${invoiceId}/paid`;

const inputSchema = z
	.object({
		instalmentId: z.string().trim().max(64).optional().catch(undefined),
		provider: z.enum(PAYMENT_PROVIDERS).optional().catch(undefined)
	})
	.catch({});

const openCheckout: Record<
	PaymentProvider,
	(req: CheckoutRequest) => Promise<{ url: string; providerRef: string | null }>
> = {
	paystack: openPaystackCheckout,
	stripe: openStripeCheckout
};

/**
 * "Pay now": the client pays what is due on one of their invoices, or with a
 * payment schedule the next instalment or a chosen one (`input.instalmentId`,
 * amount-to-pay.ts), with the workspace's provider, or the one they chose when
 * it has two (`input.provider`). Records a pending payment with our own
 * reference, then asks the provider for a hosted checkout and returns its URL
 * (in development, the local stand-in checkout where the workspace has one).
 */
export async function startPayment(
	opts: Scope & { invoiceId: string; input?: unknown }
): Promise<{ url: string; reference: string }> {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const detail = await getInvoice(opts);
	const { invoice } = detail;
	if (!isPayable(invoice))
		throw new AppError(
			'conflict',
			invoice.status === 'paid' ? `${detail.number} is already paid.` : `${detail.number} cannot be paid online.`
		);
	const input = inputSchema.parse(opts.input ?? {});
	const { amountMinor, instalmentId } = amountToPay(detail, input.instalmentId || null);
	const providers = availableProviders(services.config, workspace);
	if (providers.length === 0)
		throw new AppError('conflict', 'Online payment is not available for this invoice. Please contact us to pay.');
	const provider = input.provider ?? (providers.length === 1 ? providers[0] : null);
	if (!provider || !providers.includes(provider)) {
		const message = `Choose how to pay: ${providers.map((p) => PROVIDER_LABELS[p]).join(' or ')}.`;
		throw new AppError('validation_failed', message, { fields: { provider: message } });
	}

	const now = services.clock.now();
	const reference = newPaymentReference();
	const paymentId = newId('pay');
	await services.db.insert(payments).values({
		id: paymentId,
		workspaceId: workspace.id,
		clientId: invoice.clientId,
		invoiceId: invoice.id,
		provider,
		reference,
		amountMinor,
		currency: invoice.currency,
		status: 'pending',
		instalmentId,
		createdAt: now,
		updatedAt: now
	});

	try {
		const checkout = await openCheckout[provider]({
			services,
			workspace,
			reference,
			email: client.email,
			amountMinor,
			currency: invoice.currency,
			invoiceId: invoice.id,
			invoiceNumber: detail.number,
			returnUrl: services.urls.portal(workspace, callbackPath(invoice.id)),
			cancelUrl: services.urls.portal(workspace, `/invoices/${invoice.id}`),
			saveCard: Boolean(invoice.recurringInvoiceId)
		});
		if (checkout.providerRef) {
			await services.db
				.update(payments)
				.set({ providerTransactionId: checkout.providerRef, updatedAt: services.clock.now() })
				.where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
		}
		return { url: checkout.url, reference };
	} catch (error) {
		const reason = error instanceof AppError ? error.message : `${PROVIDER_LABELS[provider]} could not be reached`;
		await services.db
			.update(payments)
			.set({ status: 'failed', failureReason: reason.slice(0, 300), updatedAt: services.clock.now() })
			.where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
		throw error;
	}
}
