import { sql } from 'drizzle-orm';
import type { Db } from '../../services/db';

/**
 * Sets an invoice's paid amount and status from its succeeded payments. It
 * derives instead of adding, so running it twice (a repeated webhook, the
 * callback racing the webhook) cannot count a payment twice. Put it in the same
 * batch as the payment change. Drafts and void invoices are left alone.
 */
export function refreshPaidAmount(db: Db, opts: { workspaceId: string; invoiceId: string; now: number }) {
	return db.run(sql`UPDATE invoices SET
			amount_paid_minor = paid.total,
			status = CASE WHEN paid.total >= invoices.total_minor THEN 'paid' WHEN paid.total > 0 THEN 'partially_paid' ELSE 'sent' END,
			paid_at = CASE WHEN paid.total >= invoices.total_minor THEN coalesce(invoices.paid_at, ${opts.now}) ELSE NULL END,
			updated_at = ${opts.now}
		FROM (SELECT coalesce(sum(amount_minor), 0) AS total FROM payments WHERE invoice_id = ${opts.invoiceId} AND workspace_id = ${opts.workspaceId} AND status = 'succeeded') AS paid
		WHERE invoices.id = ${opts.invoiceId} AND invoices.workspace_id = ${opts.workspaceId} AND invoices.status IN ('sent', 'partially_paid', 'paid')`);
}
