import { requireStaff } from '../actor';
import { todayIn } from '../calendar';
import type { Scope } from '../scope';
import { addMonths, startOfDayIn } from './zone-time';

/** Months the revenue view covers, the current one last. */
export const REVENUE_MONTHS = 12;
/** Clients listed in "overdue by client". */
export const OVERDUE_CLIENTS = 10;

export type RevenueMonth = { month: string; invoicedMinor: number; paidMinor: number; outstandingMinor: number };
export type RevenueSeries = { currency: string; months: RevenueMonth[] };
export type OverdueClient = {
	clientId: string;
	clientName: string;
	currency: string;
	dueMinor: number;
	invoices: number;
};
export type RevenueReport = { timeZone: string; months: string[]; series: RevenueSeries[]; overdue: OverdueClient[] };

/**
 * The revenue view (staff only): per month of the last REVENUE_MONTHS in the workspace's time
 * zone and per currency, what was invoiced (sent, part-paid and paid invoices by issue date),
 * what was paid (succeeded payments by the zone's month of payment) and what of that month's
 * invoices is still unpaid; and the clients with the most overdue money. Summed in SQL, in
 * one D1 batch (one round trip).
 */
export async function revenueReport(opts: Scope): Promise<RevenueReport> {
	requireStaff(opts.actor);
	const zone = opts.workspace.timezone || 'UTC';
	const today = todayIn(zone, opts.services.clock.now());
	const last = today.slice(0, 7);
	const months = Array.from({ length: REVENUE_MONTHS }, (_, i) => addMonths(last, i - REVENUE_MONTHS + 1));
	const first = months[0];
	const end = addMonths(last, 1);
	const bounds = [...months, end].map((m) => startOfDayIn(`${m}-01`, zone));
	const ws = opts.workspace.id;
	const d1 = opts.services.db.$client;
	// A VALUES table of the months' start and end instants in the zone (12 x 3 parameters).
	const monthRows = months.map((_, i) => `(?${4 + i * 3}, ?${5 + i * 3}, ?${6 + i * 3})`).join(', ');
	const monthParams = months.flatMap((m, i) => [m, bounds[i], bounds[i + 1]]);
	const [invoiced, paid, overdue] = await d1.batch([
		d1
			.prepare(
				`SELECT substr(issue_date, 1, 7) AS month, currency, sum(total_minor) AS invoiced,
					sum(CASE WHEN status IN ('sent', 'partially_paid') THEN total_minor - amount_paid_minor ELSE 0 END) AS outstanding
				FROM invoices WHERE workspace_id = ?1 AND status IN ('sent', 'partially_paid', 'paid') AND issue_date >= ?2 AND issue_date < ?3
				GROUP BY month, currency`
			)
			.bind(ws, `${first}-01`, `${end}-01`),
		d1
			.prepare(
				`WITH m(month, start_ms, end_ms) AS (VALUES ${monthRows})
				SELECT m.month, p.currency, sum(p.amount_minor) AS paid
				FROM payments p JOIN m ON p.paid_at >= m.start_ms AND p.paid_at < m.end_ms
				WHERE p.workspace_id = ?1 AND p.status = 'succeeded' AND p.paid_at >= ?2 AND p.paid_at < ?3
				GROUP BY m.month, p.currency`
			)
			.bind(ws, bounds[0], bounds[bounds.length - 1], ...monthParams),
		d1
			.prepare(
				`SELECT i.client_id, c.name AS client_name, i.currency, sum(i.total_minor - i.amount_paid_minor) AS due, count(*) AS n
				FROM invoices i JOIN clients c ON c.id = i.client_id AND c.workspace_id = ?1
				WHERE i.workspace_id = ?1 AND i.status IN ('sent', 'partially_paid') AND i.due_date < ?2
				GROUP BY i.client_id, i.currency ORDER BY due DESC, c.name LIMIT ${OVERDUE_CLIENTS}`
			)
			.bind(ws, today)
	]);
	const byCurrency = new Map<string, Map<string, RevenueMonth>>();
	const cell = (currency: string, month: string) => {
		let series = byCurrency.get(currency);
		if (!series) {
			series = new Map(months.map((m) => [m, { month: m, invoicedMinor: 0, paidMinor: 0, outstandingMinor: 0 }]));
			byCurrency.set(currency, series);
		}
		return series.get(month);
	};
	for (const r of invoiced.results as { month: string; currency: string; invoiced: number; outstanding: number }[]) {
		const c = cell(r.currency, r.month);
		if (c) ((c.invoicedMinor = r.invoiced), (c.outstandingMinor = r.outstanding));
	}
	for (const r of paid.results as { month: string; currency: string; paid: number }[]) {
		const c = cell(r.currency, r.month);
		if (c) c.paidMinor = r.paid;
	}
	const series = [...byCurrency.entries()]
		.map(([currency, m]) => ({ currency, months: [...m.values()] }))
		.sort((a, b) =>
			a.currency === opts.workspace.defaultCurrency
				? -1
				: b.currency === opts.workspace.defaultCurrency
					? 1
					: a.currency.localeCompare(b.currency)
		);
	return {
		timeZone: zone,
		months,
		series,
		overdue: (
			overdue.results as { client_id: string; client_name: string; currency: string; due: number; n: number }[]
		).map((r) => ({
			clientId: r.client_id,
			clientName: r.client_name,
			currency: r.currency,
			dueMinor: r.due,
			invoices: r.n
		}))
	};
}
