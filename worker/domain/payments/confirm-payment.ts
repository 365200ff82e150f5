import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { invoices, payments } from '../../../db/schema';
import { createPaystackClient } from '../../services/paystack';
import { openPaystackSecret, usesStandIn } from '../../services/paystack-keys';
import { requireClient } from '../actor';
import { AppError, notFound, viaService } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { applySuccessfulPayment, paymentToApply } from './apply-successful-payment';
import { paidAtOf, transactionMismatch } from './check-transaction';
import { confirmStripePayment } from './confirm-stripe-payment';
import { paystackReusableCard } from './reusable-card';
import { PAYMENT_REFERENCE } from './payment-reference';

export type PaymentOutcome = 'succeeded' | 'pending' | 'failed';

const inputSchema = z.object({ reference: z.string().regex(PAYMENT_REFERENCE) });

/**
 * The callback page after checkout (Paystack and Stripe send the client back
 * with ?reference=...; Stripe payments: confirm-stripe-payment.ts). Verifies the transaction with Paystack by reference, checks
 * status, amount and currency against our own record, and applies it exactly
 * once (the webhook may have done so already, or be doing so right now).
 */
export async function confirmPayment(opts: Scope & { invoiceId: string; input: unknown }): Promise<{
	outcome: PaymentOutcome;
	amountMinor: number;
	currency: string;
	reference: string;
	instalmentId: string | null;
}> {
	requireClient(opts.actor);
	const parsed = inputSchema.safeParse(opts.input);
	if (!parsed.success) throw notFound('That payment');
	const { services, workspace } = opts;
	const db = services.db;
	const row = await db
		.select(paymentToApply)
		.from(payments)
		.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
		.where(
			and(
				clientScope(payments, opts),
				eq(payments.reference, parsed.data.reference),
				eq(payments.invoiceId, opts.invoiceId)
			)
		)
		.get();
	if (!row) throw notFound('That payment');
	const { payment, invoice } = row;
	const result = (outcome: PaymentOutcome) => ({
		outcome,
		amountMinor: payment.amountMinor,
		currency: payment.currency,
		reference: payment.reference,
		instalmentId: payment.instalmentId
	});
	if (payment.status === 'succeeded') return result('succeeded');
	if (payment.provider === 'stripe') return result(await confirmStripePayment(opts, payment, invoice));
	// The stand-in checkout confirms through the webhook only; nothing to ask.
	if (usesStandIn(services.config, workspace)) return result(payment.status === 'failed' ? 'failed' : 'pending');

	const secretKey = await viaService(() => openPaystackSecret(services.config, workspace));
	if (!secretKey) return result('pending');
	let tx;
	try {
		tx = await viaService(() => createPaystackClient({ fetch: services.fetch, secretKey }).verify(payment.reference));
	} catch (error) {
		// Paystack down, slow or unsure: the client may well have paid, so this is "not confirmed yet", never an
		// error page. The webhook (or the "check again" link) applies the payment when Paystack is back.
		if (error instanceof AppError && error.code === 'upstream_unavailable') {
			console.warn('paystack verify unavailable', {
				workspace: workspace.slug,
				reference: payment.reference,
				reason: error.message
			});
			return result('pending');
		}
		throw error;
	}
	const mismatch = transactionMismatch(payment, tx);
	if (!mismatch) {
		await applySuccessfulPayment(opts, {
			payment,
			invoice,
			providerTransactionId: tx.id,
			paidAt: paidAtOf(tx, services.clock.now()),
			reusable: await paystackReusableCard(services.config, tx, invoice)
		});
		return result('succeeded');
	}
	if (tx.status === 'failed') {
		await db
			.update(payments)
			.set({
				status: 'failed',
				failureReason: (tx.gateway_response ?? 'Declined').slice(0, 300),
				updatedAt: services.clock.now()
			})
			.where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')));
		return result('failed');
	}
	if (tx.status === 'success') {
		console.warn('paystack verify: transaction does not match our record', {
			workspace: workspace.slug,
			reference: payment.reference,
			mismatch
		});
		return result('failed');
	}
	return result('pending');
}
