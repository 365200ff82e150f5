import { and, sql } from 'drizzle-orm';
import { invoices } from '../../../db/schema';
import type { Db } from '../../services/db';
import type { Scope } from '../scope';
import { overdueWhere, unpaidWhere } from './overdue-where';
import { visibleInvoices } from './visibility';

export type AmountDue = {
	currency: string;
	count: number;
	dueMinor: number;
	overdueCount: number;
	overdueMinor: number;
};

/**
 * What the actor's unpaid invoices (sent or partly paid) still owe, one row per
 * currency, with the overdue part by the same rule as everywhere else
 * (`overdueWhere`). A query builder, so a page can put it in its own batch.
 */
export function amountsDueQuery(opts: Pick<Scope, 'services' | 'workspace' | 'actor'>, today: string) {
	return amountsDueSelect(opts.services.db, opts, today);
}

/** The same, built on a given handle and scope (a compiled read passes placeholders: get-portal-home.ts). */
export function amountsDueSelect(db: Db, scope: Pick<Scope, 'workspace' | 'actor'>, today: string) {
	const overdue = overdueWhere(today);
	return db
		.select({
			currency: invoices.currency,
			count: sql<number>`count(*)`,
			dueMinor: sql<number>`coalesce(sum(${invoices.totalMinor} - ${invoices.amountPaidMinor}), 0)`,
			overdueCount: sql<number>`coalesce(sum(case when ${overdue} then 1 else 0 end), 0)`,
			overdueMinor: sql<number>`coalesce(sum(case when ${overdue} then ${invoices.totalMinor} - ${invoices.amountPaidMinor} else 0 end), 0)`
		})
		.from(invoices)
		.where(and(visibleInvoices(scope), unpaidWhere()))
		.groupBy(invoices.currency)
		.orderBy(invoices.currency);
}
