import { sql } from 'drizzle-orm';
import type { Db } from '../../services/db';

/**
 * Sets an invoice's paid amount and status from its succeeded payments. It
 * derives instead of adding, so running it twice (a repeated webhook, the
 * callback racing the webhook) cannot count a payment twice. Put its
 * statements in the same batch as the payment change. Drafts and void
 * invoices are left alone.
 *
 * With a payment schedule, payments settle instalments in order: an
 * instalment is paid once the paid amount reaches its cumulative sum. The
 * second statement stamps (or clears, after a reversal) each instalment's
 * `paid_at`, and the invoice's due date follows the first unpaid instalment,
 * so "overdue" (derived from the due date everywhere) means "the next
 * instalment is late".
 */
export function refreshPaidAmount(db: Db, opts: { workspaceId: string; invoiceId: string; now: number }) {
	return [
		db.run(sql`UPDATE invoices SET
			amount_paid_minor = paid.total,
			status = CASE WHEN paid.total >= invoices.total_minor THEN 'paid' WHEN paid.total > 0 THEN 'partially_paid' ELSE 'sent' END,
			paid_at = CASE WHEN paid.total >= invoices.total_minor THEN coalesce(invoices.paid_at, ${opts.now}) ELSE NULL END,
			due_date = coalesce(
				(SELECT min(s.due_date) FROM invoice_instalments s WHERE s.invoice_id = invoices.id AND s.cumulative_minor > paid.total),
				(SELECT max(s.due_date) FROM invoice_instalments s WHERE s.invoice_id = invoices.id),
				invoices.due_date),
			updated_at = ${opts.now}
		FROM (SELECT coalesce(sum(amount_minor), 0) AS total FROM payments WHERE invoice_id = ${opts.invoiceId} AND workspace_id = ${opts.workspaceId} AND status = 'succeeded') AS paid
		WHERE invoices.id = ${opts.invoiceId} AND invoices.workspace_id = ${opts.workspaceId} AND invoices.status IN ('sent', 'partially_paid', 'paid')`),
		db.run(sql`UPDATE invoice_instalments SET
			paid_at = CASE WHEN cumulative_minor <= inv.amount_paid_minor THEN coalesce(invoice_instalments.paid_at, ${opts.now}) ELSE NULL END
		FROM (SELECT amount_paid_minor FROM invoices WHERE id = ${opts.invoiceId} AND workspace_id = ${opts.workspaceId} AND status IN ('sent', 'partially_paid', 'paid')) AS inv
		WHERE invoice_instalments.invoice_id = ${opts.invoiceId} AND invoice_instalments.workspace_id = ${opts.workspaceId}`)
	] as const;
}
