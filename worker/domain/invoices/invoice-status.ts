import type { InvoiceStatus } from '../../../db/schema';
import { labelsOf, type StatusDisplay } from '../status-display';

/** What people see: the stored status, or 'overdue' for a sent or partly paid invoice past its due date. */
export type InvoiceDisplayStatus = InvoiceStatus | 'overdue';

export const INVOICE_STATUS_DISPLAY: Record<InvoiceDisplayStatus, StatusDisplay> = {
	draft: { label: 'Draft', tone: 'neutral' },
	sent: { label: 'Sent', tone: 'info' },
	partially_paid: { label: 'Partially paid', tone: 'warning' },
	paid: { label: 'Paid', tone: 'success' },
	void: { label: 'Void', tone: 'neutral' },
	overdue: { label: 'Overdue', tone: 'danger' }
};
export const STATUS_LABELS = labelsOf(INVOICE_STATUS_DISPLAY);

type StatusFields = { status: InvoiceStatus; dueDate: string | null; totalMinor: number; amountPaidMinor: number };

/**
 * Overdue is derived, never stored: open (sent or partially paid) and due before
 * today in the workspace's time zone. Deriving (rather than a cron marking it)
 * means it can never lag or disagree: the moment the date passes every page,
 * list, filter, count, PDF and API answer says overdue, and a payment that
 * settles it takes it away in the same write. Everything goes through
 * `displayStatus`/`isOverdue` and their SQL twin `overdueWhere`
 * (overdue-where.ts, kept apart so pages' browser code does not pull in the schema).
 */
export function isOverdue(invoice: StatusFields, today: string): boolean {
	return (
		(invoice.status === 'sent' || invoice.status === 'partially_paid') &&
		Boolean(invoice.dueDate) &&
		invoice.dueDate! < today
	);
}

export function displayStatus(invoice: StatusFields, today: string): InvoiceDisplayStatus {
	return isOverdue(invoice, today) ? 'overdue' : invoice.status;
}

export function amountDue(invoice: StatusFields): number {
	if (invoice.status === 'void' || invoice.status === 'draft') return 0;
	return Math.max(0, invoice.totalMinor - invoice.amountPaidMinor);
}

/**
 * The amount an invoice's page leads with. A draft owes nothing yet (amountDue is 0, and
 * no total counts it as outstanding), but "Amount due $0.00" beside its total reads as
 * "nothing to pay": it shows what the client will owe once it is sent.
 */
export function amountDueFact(invoice: StatusFields): { label: string; minor: number } {
	if (invoice.status === 'draft') return { label: 'Due once sent', minor: invoice.totalMinor };
	return { label: 'Amount due', minor: amountDue(invoice) };
}

/** Whether the client can pay it now (online): sent or partly paid with something left to pay. */
export function isPayable(invoice: StatusFields): boolean {
	return (invoice.status === 'sent' || invoice.status === 'partially_paid') && amountDue(invoice) > 0;
}
