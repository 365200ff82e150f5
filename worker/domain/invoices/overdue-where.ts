import { and, inArray, lt, type SQL } from 'drizzle-orm';
import { invoices } from '../../../db/schema';

/** SQL twin of `isOverdue` (invoice-status.ts), for lists, filters and counts: the dashboard, the portal and the API all use it. */
export function overdueWhere(today: string): SQL {
	return and(inArray(invoices.status, ['sent', 'partially_paid']), lt(invoices.dueDate, today))!;
}
