import { and, eq } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import { formatMoney } from '../format';
import { activityInsertIfChanged } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { AppError, notFound } from '../errors';
import { getInvoice } from '../invoices/get-invoice';
import { refreshPaidAmount } from '../invoices/refresh-paid-amount';
import type { Scope } from '../scope';

/**
 * Staff take back a manual payment recorded by mistake (a typo in the amount,
 * the wrong invoice). Only a `succeeded` manual payment can be reversed; a
 * Paystack payment is real money and is refunded in Paystack instead. One
 * batch: the conditional `UPDATE ... SET status = 'reversed' WHERE status =
 * 'succeeded' RETURNING id`, its activity entry only if that update changed the
 * row, then the same `refreshPaidAmount` every payment path uses (so the
 * invoice goes back to partly paid or sent, and its paid date is cleared).
 * Concurrent clicks reverse it once; the others get `duplicate: true`. The row
 * is kept (with who and when) for the record; clients no longer see it.
 */
export async function reverseManualPayment(
	opts: Scope & { invoiceId: string; paymentId: string }
): Promise<{ paymentId: string; duplicate: boolean; amountMinor: number; currency: string }> {
	const staff = requireStaff(opts.actor);
	const { services, workspace } = opts;
	const db = services.db;
	const detail = await getInvoice(opts);
	const payment = detail.payments.find((p) => p.id === opts.paymentId);
	if (!payment) throw notFound('That payment');
	const result = (duplicate: boolean) => ({
		paymentId: payment.id,
		duplicate,
		amountMinor: payment.amountMinor,
		currency: payment.currency
	});
	if (payment.provider !== 'manual')
		throw new AppError(
			'conflict',
			'Only payments recorded by hand can be reversed. A Paystack payment is refunded in your Paystack dashboard.'
		);
	if (payment.status === 'reversed') return result(true);
	if (payment.status !== 'succeeded')
		throw new AppError('conflict', 'That payment did not go through, so there is nothing to reverse.');

	const now = services.clock.now();
	const [reversed] = await db.batch([
		db
			.update(payments)
			.set({ status: 'reversed', reversedAt: now, reversedByUserId: staff.userId, updatedAt: now })
			.where(
				and(
					eq(payments.id, payment.id),
					eq(payments.workspaceId, workspace.id),
					eq(payments.invoiceId, detail.invoice.id),
					eq(payments.provider, 'manual'),
					eq(payments.status, 'succeeded')
				)
			)
			.returning({ id: payments.id }),
		activityInsertIfChanged(opts, {
			verb: 'invoice.payment_reversed',
			summary: `Payment of ${formatMoney(payment.amountMinor, payment.currency)} (${payment.methodLabel.toLowerCase()}) on ${detail.number} reversed`,
			clientId: detail.invoice.clientId,
			projectId: detail.invoice.projectId,
			subjectType: 'payment',
			subjectId: payment.id,
			id: `act_rev_${payment.id}`
		}),
		...refreshPaidAmount(db, { workspaceId: workspace.id, invoiceId: detail.invoice.id, now })
	]);
	// Lost a race with another click on the same button: it is reversed once.
	return result(reversed.length === 0);
}
