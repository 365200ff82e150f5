import { timeAmount } from '../money';

/** Rows of `GROUP BY billable, currency, rate_minor, minutes` with their count. */
export type TimeGroup = { billable: boolean; currency: string; rateMinor: number; minutes: number; entries: number };
export type MoneyTotal = { currency: string; amountMinor: number };
export type TimeTotals = {
	entries: number;
	totalMinutes: number;
	billableMinutes: number;
	nonBillableMinutes: number;
	billableAmounts: MoneyTotal[];
};

/**
 * Totals of a list of entries. Each entry's amount is timeAmount(minutes, rate)
 * (rounded half away from zero, per entry, as an invoice line would be), so the
 * total is exactly the sum of the amounts shown next to the entries. Grouping by
 * (minutes, rate) lets the database do the counting without changing that.
 * Amounts are per currency: different currencies are never added together.
 */
export function timeTotals(groups: TimeGroup[]): TimeTotals {
	const totals: TimeTotals = {
		entries: 0,
		totalMinutes: 0,
		billableMinutes: 0,
		nonBillableMinutes: 0,
		billableAmounts: []
	};
	const amounts = new Map<string, number>();
	for (const g of groups) {
		const minutes = g.minutes * g.entries;
		totals.entries += g.entries;
		totals.totalMinutes += minutes;
		if (!g.billable) {
			totals.nonBillableMinutes += minutes;
			continue;
		}
		totals.billableMinutes += minutes;
		amounts.set(g.currency, (amounts.get(g.currency) ?? 0) + timeAmount(g.minutes, g.rateMinor) * g.entries);
	}
	totals.billableAmounts = [...amounts]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, amountMinor]) => ({ currency, amountMinor }));
	return totals;
}
