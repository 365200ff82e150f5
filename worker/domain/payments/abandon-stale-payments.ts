import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { invoices, payments, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { createPaystackClient, type PaystackTransaction } from '../../services/paystack';
import { hasPaystackKeys, openPaystackSecret, usesStandIn } from '../../services/paystack-keys';
import { applySuccessfulPayment, paymentToApply } from './apply-successful-payment';
import { paidAtOf, transactionMismatch } from './check-transaction';

/** A checkout still pending this long after it was opened is marked abandoned. */
export const ABANDON_AFTER_MS = 24 * 3_600_000;

export const ABANDONED_REASON = 'Checkout not completed within 24 hours';

/**
 * Cron: a client who opened checkout and never paid leaves a `pending` payment
 * behind. After 24 hours the payment is settled one way or the other:
 *
 * - For a workspace with Paystack keys, Paystack is asked first (verify by
 *   reference), so a payment that did go through but whose webhook and callback
 *   never arrived is applied now, exactly once, with its receipts; one Paystack
 *   declined is marked failed.
 * - Otherwise (not paid, Paystack unreachable, or the local stand-in) it is
 *   marked `abandoned`, so staff see what happened.
 *
 * Every write is conditional (still pending, still that old), so it is
 * idempotent and never touches a payment a webhook or the callback settled
 * meanwhile. Abandoned is a label, not a verdict: money is only ever counted
 * from `succeeded` payments and `applySuccessfulPayment` accepts any status but
 * `succeeded`, so a late charge.success is still checked (signature, reference,
 * amount, currency) and applied exactly once, as is the callback page.
 * At most `limit` payments per run (each may cost a Paystack call).
 */
export async function abandonStalePayments(opts: { services: Services; limit?: number }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const now = services.clock.now();
	const cutoff = now - ABANDON_AFTER_MS;
	const stale = await db
		.select({ ...paymentToApply, workspace: workspaces })
		.from(payments)
		.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
		.innerJoin(workspaces, eq(workspaces.id, payments.workspaceId))
		// The status is spelled literally so SQLite can use the partial index payments_pending_created_idx.
		.where(and(sql`${payments.status} = 'pending'`, eq(payments.provider, 'paystack'), lt(payments.createdAt, cutoff)))
		.orderBy(asc(payments.createdAt))
		.limit(opts.limit ?? 20);

	let settled = 0;
	for (const { payment, invoice, workspace } of stale) {
		const stillPendingAndOld = and(
			eq(payments.id, payment.id),
			eq(payments.status, 'pending'),
			lt(payments.createdAt, cutoff)
		);
		const tx = await askPaystack(services, workspace, payment.reference);
		if (tx && !transactionMismatch(payment, tx)) {
			const { applied } = await applySuccessfulPayment(
				{ services, workspace },
				{ payment, invoice, providerTransactionId: tx.id, paidAt: paidAtOf(tx, now) }
			);
			if (applied) settled++;
			continue;
		}
		if (tx?.status === 'success')
			console.warn('stale payment: Paystack reports a transaction that does not match our record', {
				workspace: workspace.slug,
				reference: payment.reference,
				mismatch: transactionMismatch(payment, tx)
			});
		const failed = tx?.status === 'failed';
		const result = await db
			.update(payments)
			.set({
				status: failed ? 'failed' : 'abandoned',
				failureReason: failed ? (tx.gateway_response ?? 'Declined').slice(0, 300) : ABANDONED_REASON,
				updatedAt: now
			})
			.where(stillPendingAndOld);
		settled += result.meta.changes ?? 0;
	}
	return settled;
}

/** What Paystack says about a reference, or null when there is no one to ask or no answer. */
async function askPaystack(
	services: Services,
	workspace: typeof workspaces.$inferSelect,
	reference: string
): Promise<PaystackTransaction | null> {
	if (usesStandIn(services.config, workspace) || !hasPaystackKeys(workspace)) return null;
	try {
		const secretKey = await openPaystackSecret(services.config, workspace);
		if (!secretKey) return null;
		return await createPaystackClient({ fetch: services.fetch, secretKey }).verify(reference);
	} catch (error) {
		// Unknown to Paystack (the client never reached checkout), or Paystack is down: abandoned either way.
		console.warn('stale payment: could not verify with Paystack', {
			workspace: workspace.slug,
			reference,
			error: String((error as Error)?.message ?? error).slice(0, 200)
		});
		return null;
	}
}
