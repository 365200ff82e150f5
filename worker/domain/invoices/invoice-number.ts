import { sql } from 'drizzle-orm';
import type { Db } from '../../services/db';

/** "INV-0042": how an invoice number is shown everywhere (pages, emails, PDFs). */
export function formatInvoiceNumber(n: number): string {
	return `INV-${String(n).padStart(4, '0')}`;
}

/**
 * Takes the workspace's next invoice number, atomically: one statement that
 * creates the sequence row (starting after any invoice already there) or adds 1.
 * Run it in the same db.batch as the invoice insert, whose number is then
 * `currentInvoiceNumber` — so a failed batch uses no number and the sequence has
 * no gaps; a committed one can never hand the same number out again.
 */
export function takeInvoiceNumber(db: Db, workspaceId: string) {
	return db.run(sql`INSERT INTO number_sequences (workspace_id, name, last_value)
		VALUES (${workspaceId}, 'invoice', (SELECT coalesce(max(number), 0) + 1 FROM invoices WHERE workspace_id = ${workspaceId}))
		ON CONFLICT (workspace_id, name) DO UPDATE SET last_value = last_value + 1`);
}

/** The number `takeInvoiceNumber` just took, for the invoice insert in the same batch. */
export function currentInvoiceNumber(workspaceId: string) {
	return sql<number>`(SELECT last_value FROM number_sequences WHERE workspace_id = ${workspaceId} AND name = 'invoice')`;
}
