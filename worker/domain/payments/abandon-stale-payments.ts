import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { invoices, payments, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { createPaystackClient } from '../../services/paystack';
import { hasPaystackKeys, openPaystackSecret, usesStandIn } from '../../services/paystack-keys';
import { createStripeClient } from '../../services/stripe';
import { hasStripeKeys, openStripeSecret, usesStripeStandIn } from '../../services/stripe-keys';
import { applySuccessfulPayment, paymentToApply } from './apply-successful-payment';
import { paidAtOf, transactionMismatch } from './check-transaction';
import { sessionMismatch } from './handle-stripe-webhook';
import { stripeReusableCard, type ReusableCard } from './reusable-card';

/** A checkout still pending this long after it was opened is marked abandoned. */
export const ABANDON_AFTER_MS = 24 * 3_600_000;

export const ABANDONED_REASON = 'Checkout not completed within 24 hours';

type StalePayment = {
	payment: typeof payments.$inferSelect;
	invoice: Parameters<typeof applySuccessfulPayment>[1]['invoice'];
	workspace: typeof workspaces.$inferSelect;
};

/**
 * What the provider says about a stale payment: paid and matching our record (apply it),
 * declined (failed, with the provider's reason), or null: not paid, paid but not matching,
 * no answer, or no one to ask (abandoned).
 */
type ProviderAnswer =
	| { paid: { providerTransactionId: string | null; paidAt: number; reusable?: ReusableCard | null } }
	| { declined: string }
	| null;

/**
 * Cron: a client who opened checkout and never paid leaves a `pending` payment
 * behind. After 24 hours the payment is settled one way or the other:
 *
 * - For a workspace with keys, the provider is asked first (Paystack: verify by
 *   reference; Stripe: the Checkout Session kept on the payment), so a payment
 *   that did go through but whose webhook and return page never arrived is
 *   applied now, exactly once, with its receipts; one Paystack declined is
 *   marked failed.
 * - Otherwise (not paid, a Stripe session expired or still open, the provider
 *   unreachable, or a local stand-in) it is marked `abandoned`, so staff see
 *   what happened.
 *
 * Every write is conditional (still pending, still that old), so it is
 * idempotent and never touches a payment a webhook or the return page settled
 * meanwhile. Abandoned is a label, not a verdict: money is only ever counted
 * from `succeeded` payments and `applySuccessfulPayment` accepts any status but
 * `succeeded`, so a late charge.success or checkout.session.completed is still
 * checked (signature, reference, amount, currency) and applied exactly once, as
 * is the return page. At most `limit` payments per run, each at most one
 * provider call. Stripe autopay charges (no Checkout Session) are left alone.
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
		.where(
			and(
				// The status is spelled literally so SQLite can use the partial index payments_pending_created_idx.
				sql`${payments.status} = 'pending'`,
				lt(payments.createdAt, cutoff),
				or(eq(payments.provider, 'paystack'), and(eq(payments.provider, 'stripe'), isNull(payments.autopayMandateId)))
			)
		)
		.orderBy(asc(payments.createdAt))
		.limit(opts.limit ?? 20);

	let settled = 0;
	for (const row of stale) {
		const { payment, invoice, workspace } = row;
		const answer = await askProvider(services, row, now);
		if (answer && 'paid' in answer) {
			const { applied } = await applySuccessfulPayment({ services, workspace }, { payment, invoice, ...answer.paid });
			if (applied) settled++;
			continue;
		}
		const declined = answer?.declined;
		const result = await db
			.update(payments)
			.set({
				status: declined ? 'failed' : 'abandoned',
				failureReason: declined ? declined.slice(0, 300) : ABANDONED_REASON,
				updatedAt: now
			})
			.where(and(eq(payments.id, payment.id), eq(payments.status, 'pending'), lt(payments.createdAt, cutoff)));
		settled += result.meta.changes ?? 0;
	}
	return settled;
}

/** Asks the payment's provider; no answer (unknown to it, or it is down) is null, so abandoned either way. */
async function askProvider(services: Services, row: StalePayment, now: number): Promise<ProviderAnswer> {
	const ask = row.payment.provider === 'stripe' ? askStripe : askPaystack;
	try {
		return await ask(services, row, now);
	} catch (error) {
		console.warn('stale payment: could not check with the provider', {
			provider: row.payment.provider,
			workspace: row.workspace.slug,
			reference: row.payment.reference,
			error: String((error as Error)?.message ?? error).slice(0, 200)
		});
		return null;
	}
}

function warnMismatch(row: StalePayment, mismatch: string) {
	console.warn('stale payment: the provider reports a paid transaction that does not match our record', {
		provider: row.payment.provider,
		workspace: row.workspace.slug,
		reference: row.payment.reference,
		mismatch
	});
}

async function askPaystack(services: Services, row: StalePayment, now: number): Promise<ProviderAnswer> {
	const { payment, workspace } = row;
	if (usesStandIn(services.config, workspace) || !hasPaystackKeys(workspace)) return null;
	const secretKey = await openPaystackSecret(services.config, workspace);
	if (!secretKey) return null;
	const tx = await createPaystackClient({ fetch: services.fetch, secretKey }).verify(payment.reference);
	const mismatch = transactionMismatch(payment, tx);
	if (!mismatch) return { paid: { providerTransactionId: tx.id, paidAt: paidAtOf(tx, now) } };
	if (tx.status === 'failed') return { declined: tx.gateway_response ?? 'Declined' };
	if (tx.status === 'success') warnMismatch(row, mismatch);
	return null;
}

/**
 * The Checkout Session opened for the payment (its id is kept on the payment). Stripe expires an
 * unpaid session 24 hours after it opened by default, so by now it is expired or about to be; a
 * payment that lands anyway is applied by the webhook.
 */
async function askStripe(services: Services, row: StalePayment, now: number): Promise<ProviderAnswer> {
	const { payment, invoice, workspace } = row;
	const sessionId = payment.providerTransactionId;
	if (usesStripeStandIn(services.config, workspace) || !hasStripeKeys(workspace) || !sessionId) return null;
	const secretKey = await openStripeSecret(services.config, workspace);
	if (!secretKey) return null;
	const session = await createStripeClient({ fetch: services.fetch, secretKey }).retrieveCheckoutSession(sessionId);
	const mismatch = sessionMismatch(payment, session);
	if (!mismatch)
		return {
			paid: {
				providerTransactionId: session.payment_intent ?? session.id,
				paidAt: now,
				reusable: stripeReusableCard(session, invoice)
			}
		};
	if (session.payment_status === 'paid') warnMismatch(row, mismatch);
	return null;
}
