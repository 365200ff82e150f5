import type { payments } from '../../../db/schema';
import type { PaystackTransaction } from '../../services/paystack';

/**
 * What Paystack reports must match our own pending record: the same reference,
 * a successful status, the exact amount in minor units and the same currency.
 * Returns why not, or null when it matches.
 */
export function transactionMismatch(
	payment: Pick<typeof payments.$inferSelect, 'reference' | 'amountMinor' | 'currency'>,
	tx: PaystackTransaction
): string | null {
	if (tx.reference !== payment.reference) return 'reference';
	if (tx.status !== 'success') return `status ${tx.status}`;
	if (tx.amount !== payment.amountMinor) return 'amount';
	if (tx.currency !== payment.currency.toUpperCase()) return 'currency';
	return null;
}

/** Paystack's paid_at as epoch ms, or now when it is missing or unreadable. */
export function paidAtOf(tx: PaystackTransaction, now: number): number {
	const ms = tx.paid_at ? Date.parse(tx.paid_at) : NaN;
	return Number.isFinite(ms) ? ms : now;
}
