import { and, eq, lt } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { Services } from '../../services';

/** A checkout still pending this long after it was opened is marked abandoned. */
export const ABANDON_AFTER_MS = 24 * 3_600_000;

export const ABANDONED_REASON = 'Checkout not completed within 24 hours';

/**
 * Cron: a client who opened checkout and never paid leaves a `pending` payment
 * behind. After 24 hours it is marked `abandoned`, so staff see what happened
 * and nothing looks in flight for ever. One conditional UPDATE (still pending,
 * still old enough), so it is idempotent and never touches a payment a webhook
 * or the callback has settled meanwhile.
 *
 * Abandoned is a label, not a verdict: money is only ever counted from
 * `succeeded` payments, and `applySuccessfulPayment` accepts any status but
 * `succeeded`. A late charge.success for the reference is still checked
 * (signature, reference, amount, currency) and applied exactly once, and the
 * callback page still verifies it with Paystack.
 */
export async function abandonStalePayments(opts: { services: Services }): Promise<number> {
	const { services } = opts;
	const now = services.clock.now();
	const result = await services.db
		.update(payments)
		.set({ status: 'abandoned', failureReason: ABANDONED_REASON, updatedAt: now })
		.where(and(eq(payments.status, 'pending'), eq(payments.provider, 'paystack'), lt(payments.createdAt, now - ABANDON_AFTER_MS)));
	return result.meta.changes ?? 0;
}
