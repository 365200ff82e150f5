import { and, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { autopayMandates, invoices, payments, workspaces } from '../../../../db/schema';
import type { Services } from '../../../services';
import { decryptSecret, sha256Hex } from '../../../services/crypto';
import { newId } from '../../../services/ids';
import { createPaystackClient } from '../../../services/paystack';
import { openPaystackSecret, usesStandIn } from '../../../services/paystack-keys';
import { createStripeClient } from '../../../services/stripe';
import { openStripeSecret, usesStripeStandIn } from '../../../services/stripe-keys';
import { secretsKey } from '../../../services/secrets-key';
import { AppError, viaService } from '../../errors';
import { amountDue } from '../../invoices/invoice-status';
import { applySuccessfulPayment } from '../apply-successful-payment';
import { paidAtOf, transactionMismatch } from '../check-transaction';

/** At most this many charges per cron run. */
const BATCH = 25;

/** The one payment reference autopay may use for an invoice: a second charge of it cannot even be recorded. */
export async function autopayReference(invoiceId: string): Promise<string> {
	return `cp-${(await sha256Hex(`autopay:${invoiceId}`)).slice(0, 32)}`;
}

type Verdict =
	| { outcome: 'succeeded'; providerTransactionId: string; paidAt: number }
	| { outcome: 'failed'; reason: string }
	| { outcome: 'pending' };

/**
 * Cron: charges the saved card of each active autopay mandate for the invoices its schedule made
 * after the client consented, still owing. Exactly once per invoice: the payment row has a
 * reference fixed by the invoice (unique), so only the run whose insert landed charges, and the
 * provider call carries it too (Paystack's reference, Stripe's idempotency key). No mandate (or a
 * revoked one): nothing is charged. A decline marks the attempt failed; the client pays as usual.
 */
export async function chargeAutopay(opts: { services: Services }): Promise<number> {
	const { services } = opts;
	const db = services.db;
	const due = await db
		.select({ invoice: invoices, mandate: autopayMandates, source: payments })
		.from(autopayMandates)
		.innerJoin(
			invoices,
			and(
				eq(invoices.recurringInvoiceId, autopayMandates.recurringInvoiceId),
				eq(invoices.workspaceId, autopayMandates.workspaceId),
				eq(invoices.clientId, autopayMandates.clientId)
			)
		)
		.innerJoin(
			payments,
			and(eq(payments.id, autopayMandates.sourcePaymentId), eq(payments.workspaceId, autopayMandates.workspaceId))
		)
		.where(
			and(
				isNull(autopayMandates.revokedAt),
				inArray(invoices.status, ['sent', 'partially_paid']),
				gte(invoices.createdAt, autopayMandates.consentedAt),
				sql`not exists (select 1 from payments p where p.invoice_id = ${invoices.id} and p.autopay_mandate_id is not null)`
			)
		)
		.limit(BATCH);
	// Each workspace read once, apart from the search: the four whole rows together pass D1's 100-column limit.
	const workspaceIds = [...new Set(due.map((r) => r.mandate.workspaceId))];
	const found = workspaceIds.length
		? await db.select().from(workspaces).where(inArray(workspaces.id, workspaceIds))
		: [];
	const byId = new Map(found.map((w) => [w.id, w]));
	let charged = 0;
	for (const { invoice, mandate, source } of due) {
		const workspace = byId.get(mandate.workspaceId);
		if (!workspace) continue;
		const row = { invoice, mandate, source, workspace };
		const amountMinor = amountDue(row.invoice);
		if (amountMinor <= 0) continue;
		const reference = await autopayReference(row.invoice.id);
		const now = services.clock.now();
		const [claimed] = await db
			.insert(payments)
			.values({
				id: newId('pay'),
				workspaceId: row.workspace.id,
				clientId: row.invoice.clientId,
				invoiceId: row.invoice.id,
				provider: row.mandate.provider,
				reference,
				amountMinor,
				currency: row.invoice.currency,
				status: 'pending',
				autopayMandateId: row.mandate.id,
				createdAt: now,
				updatedAt: now
			})
			.onConflictDoNothing()
			.returning();
		if (!claimed) continue; // another run (or an earlier one) has this invoice's charge
		let verdict: Verdict;
		try {
			verdict = await charge(services, row.workspace, row.source, claimed);
		} catch (error) {
			verdict = {
				outcome: 'failed',
				reason: error instanceof AppError ? error.message : 'The saved card could not be charged'
			};
		}
		if (verdict.outcome === 'succeeded') {
			await applySuccessfulPayment(
				{ services, workspace: row.workspace },
				{
					payment: claimed,
					invoice: row.invoice,
					providerTransactionId: verdict.providerTransactionId,
					paidAt: verdict.paidAt
				}
			);
			charged++;
		} else if (verdict.outcome === 'failed') {
			await db
				.update(payments)
				.set({
					status: 'failed',
					failureReason: `Autopay: ${verdict.reason}`.slice(0, 300),
					updatedAt: services.clock.now()
				})
				.where(and(eq(payments.id, claimed.id), eq(payments.status, 'pending')));
		}
	}
	return charged;
}

type Payment = typeof payments.$inferSelect;

async function charge(
	services: Services,
	workspace: typeof workspaces.$inferSelect,
	source: Payment,
	attempt: Payment
): Promise<Verdict> {
	if (!source.reusableAuthEnc || !source.providerCustomer) return { outcome: 'failed', reason: 'no saved card' };
	// Development stand-ins (no keys, or Stripe's stand-in key): the charge succeeds locally, like their checkouts.
	const standIn =
		attempt.provider === 'paystack'
			? usesStandIn(services.config, workspace)
			: usesStripeStandIn(services.config, workspace);
	if (standIn)
		return {
			outcome: 'succeeded',
			providerTransactionId: `standin_${attempt.reference}`,
			paidAt: services.clock.now()
		};
	const auth = await decryptSecret(secretsKey(services.config, 'Payment keys'), source.reusableAuthEnc);
	if (attempt.provider === 'paystack') {
		const secretKey = await viaService(() => openPaystackSecret(services.config, workspace));
		if (!secretKey) return { outcome: 'failed', reason: 'Paystack is not connected' };
		const tx = await viaService(() =>
			createPaystackClient({ fetch: services.fetch, secretKey }).chargeAuthorization({
				authorizationCode: auth,
				email: source.providerCustomer!,
				amountMinor: attempt.amountMinor,
				currency: attempt.currency,
				reference: attempt.reference
			})
		);
		if (!transactionMismatch(attempt, tx))
			return { outcome: 'succeeded', providerTransactionId: tx.id, paidAt: paidAtOf(tx, services.clock.now()) };
		if (tx.status === 'failed') return { outcome: 'failed', reason: tx.gateway_response ?? 'declined' };
		return { outcome: 'pending' }; // Paystack's charge.success webhook (same reference) settles it
	}
	const secretKey = await viaService(() => openStripeSecret(services.config, workspace));
	if (!secretKey) return { outcome: 'failed', reason: 'Stripe is not connected' };
	const pi = await viaService(() =>
		createStripeClient({ fetch: services.fetch, secretKey }).chargeSavedCard({
			customer: source.providerCustomer!,
			paymentMethodId: auth,
			amountMinor: attempt.amountMinor,
			currency: attempt.currency,
			reference: attempt.reference,
			metadata: { invoice_id: attempt.invoiceId }
		})
	);
	if (pi.status === 'succeeded' && pi.amount === attempt.amountMinor && pi.currency === attempt.currency.toUpperCase())
		return { outcome: 'succeeded', providerTransactionId: pi.id, paidAt: services.clock.now() };
	if (pi.status === 'failed' || pi.status === 'requires_payment_method' || pi.status === 'canceled')
		return { outcome: 'failed', reason: 'the card was declined' };
	return { outcome: 'pending' };
}
