import { and, inArray, lt, type SQL } from 'drizzle-orm';
import { invoices } from '../../../db/schema';

/** Sent or partly paid: money is still expected (drafts, paid and void invoices are not). */
export function unpaidWhere(): SQL {
	return inArray(invoices.status, ['sent', 'partially_paid']);
}

/** SQL twin of `isOverdue` (invoice-status.ts), for lists, filters and counts: the dashboard, the portal and the API all use it. */
export function overdueWhere(today: string): SQL {
	return and(unpaidWhere(), lt(invoices.dueDate, today))!;
}
