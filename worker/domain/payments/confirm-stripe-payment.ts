import { and, eq } from 'drizzle-orm';
import { invoices, payments } from '../../../db/schema';
import { createStripeClient } from '../../services/stripe';
import { openStripeSecret, usesStripeStandIn } from '../../services/stripe-keys';
import { AppError, viaService } from '../errors';
import type { Scope } from '../scope';
import { applySuccessfulPayment } from './apply-successful-payment';
import { sessionMismatch } from './handle-stripe-webhook';
import { stripeReusableCard } from './reusable-card';

type Payment = typeof payments.$inferSelect;
type Invoice = Pick<
	typeof invoices.$inferSelect,
	'id' | 'number' | 'status' | 'clientId' | 'projectId' | 'recurringInvoiceId'
>;

/**
 * The return page for a Stripe payment: asks Stripe for the Checkout Session we opened (its id
 * is kept on the payment) and applies it exactly once when it is paid and matches our record.
 * Stripe unreachable or unsure is "not confirmed yet"; the webhook applies it later.
 */
export async function confirmStripePayment(
	scope: Pick<Scope, 'services' | 'workspace'>,
	payment: Payment,
	invoice: Invoice
): Promise<'succeeded' | 'pending' | 'failed'> {
	const { services, workspace } = scope;
	// The stand-in confirms through the webhook only; nothing to ask.
	if (usesStripeStandIn(services.config, workspace)) return payment.status === 'failed' ? 'failed' : 'pending';
	const secretKey = await viaService(() => openStripeSecret(services.config, workspace));
	if (!secretKey || !payment.providerTransactionId) return 'pending';
	let session;
	try {
		session = await viaService(() =>
			createStripeClient({ fetch: services.fetch, secretKey }).retrieveCheckoutSession(payment.providerTransactionId!)
		);
	} catch (error) {
		if (error instanceof AppError && error.code === 'upstream_unavailable') {
			console.warn('stripe session check unavailable', {
				workspace: workspace.slug,
				reference: payment.reference,
				reason: error.message
			});
			return 'pending';
		}
		throw error;
	}
	const mismatch = sessionMismatch(payment, session);
	if (!mismatch) {
		await applySuccessfulPayment(scope, {
			payment,
			invoice,
			providerTransactionId: session.payment_intent ?? session.id,
			paidAt: services.clock.now(),
			reusable: stripeReusableCard(session, invoice)
		});
		return 'succeeded';
	}
	if (session.status === 'expired') {
		await services.db
			.update(payments)
			.set({ status: 'failed', failureReason: 'The Stripe checkout expired', updatedAt: services.clock.now() })
			.where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')));
		return 'failed';
	}
	if (session.payment_status === 'paid')
		console.warn('stripe session does not match our record', {
			workspace: workspace.slug,
			reference: payment.reference,
			mismatch
		});
	return session.payment_status === 'paid' ? 'failed' : 'pending';
}
