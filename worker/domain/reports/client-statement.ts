import { z } from 'zod';
import { requireStaff } from '../actor';
import { addDays, isRealDate, todayIn } from '../calendar';
import { notFound } from '../errors';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import type { Scope } from '../scope';
import { startOfDayIn } from './zone-time';

export type StatementLine = {
	date: string;
	kind: 'invoice' | 'payment';
	id: string;
	invoiceId: string;
	description: string;
	chargeMinor: number;
	paymentMinor: number;
	balanceMinor: number;
};
export type StatementSection = {
	currency: string;
	openingMinor: number;
	lines: StatementLine[];
	closingMinor: number;
	invoicedMinor: number;
	paidMinor: number;
};
export type ClientStatement = {
	client: { id: string; name: string; address: string | null };
	workspaceName: string;
	timeZone: string;
	from: string;
	to: string;
	sections: StatementSection[];
};

const day = z.string().refine(isRealDate);
const rangeSchema = z.object({ from: day.optional().catch(undefined), to: day.optional().catch(undefined) });

/**
 * A client's statement of account (staff only) between two dates, in the workspace's time zone:
 * per currency, the balance brought forward, every invoice issued (sent, part-paid, paid;
 * drafts and void ones owe nothing) and every payment received in the range with the running
 * balance, and the balance at the end. Unreadable dates fall back to the last 12 months; a
 * range given backwards is swapped. Reads in one D1 batch.
 */
export async function clientStatement(
	opts: Scope & { clientId: string; input: URLSearchParams | Record<string, unknown> }
): Promise<ClientStatement> {
	requireStaff(opts.actor);
	const zone = opts.workspace.timezone || 'UTC';
	const today = todayIn(zone, opts.services.clock.now());
	const raw = opts.input instanceof URLSearchParams ? Object.fromEntries(opts.input) : opts.input;
	const range = rangeSchema.parse(raw);
	let from = range.from ?? `${addDays(today, -365).slice(0, 7)}-01`;
	let to = range.to ?? today;
	if (from > to) [from, to] = [to, from];
	const fromMs = startOfDayIn(from, zone);
	const endMs = startOfDayIn(addDays(to, 1), zone);
	const ws = opts.workspace.id;
	const d1 = opts.services.db.$client;
	const billed = `status IN ('sent', 'partially_paid', 'paid')`;
	const [client, invoices, payments, opening] = await d1.batch([
		d1.prepare(`SELECT id, name, address FROM clients WHERE id = ?1 AND workspace_id = ?2`).bind(opts.clientId, ws),
		d1
			.prepare(
				`SELECT id, number, issue_date, due_date, currency, total_minor FROM invoices WHERE workspace_id = ?1 AND client_id = ?2 AND ${billed} AND issue_date >= ?3 AND issue_date <= ?4 ORDER BY issue_date, number`
			)
			.bind(ws, opts.clientId, from, to),
		d1
			.prepare(
				`SELECT p.id, p.invoice_id, p.paid_at, p.amount_minor, p.currency, p.method, p.provider, i.number
				FROM payments p JOIN invoices i ON i.id = p.invoice_id AND i.workspace_id = ?1
				WHERE p.workspace_id = ?1 AND p.client_id = ?2 AND p.status = 'succeeded' AND p.paid_at >= ?3 AND p.paid_at < ?4 ORDER BY p.paid_at`
			)
			.bind(ws, opts.clientId, fromMs, endMs),
		d1
			.prepare(
				`SELECT currency, sum(amount) AS balance FROM (
					SELECT currency, total_minor AS amount FROM invoices WHERE workspace_id = ?1 AND client_id = ?2 AND ${billed} AND issue_date < ?3
					UNION ALL
					SELECT currency, -amount_minor FROM payments WHERE workspace_id = ?1 AND client_id = ?2 AND status = 'succeeded' AND paid_at < ?4
				) GROUP BY currency`
			)
			.bind(ws, opts.clientId, from, fromMs)
	]);
	const found = client.results[0] as { id: string; name: string; address: string | null } | undefined;
	if (!found) throw notFound('That client');
	type Entry = Omit<StatementLine, 'balanceMinor'> & { currency: string; order: number };
	const entries: Entry[] = [
		...(
			invoices.results as {
				id: string;
				number: number;
				issue_date: string;
				due_date: string;
				currency: string;
				total_minor: number;
			}[]
		).map((i) => ({
			date: i.issue_date,
			kind: 'invoice' as const,
			id: i.id,
			invoiceId: i.id,
			description: `${formatInvoiceNumber(i.number)} (due ${i.due_date})`,
			chargeMinor: i.total_minor,
			paymentMinor: 0,
			currency: i.currency,
			order: 0
		})),
		...(
			payments.results as {
				id: string;
				invoice_id: string;
				paid_at: number;
				amount_minor: number;
				currency: string;
				method: string | null;
				provider: string;
				number: number;
			}[]
		).map((p) => ({
			date: todayIn(zone, p.paid_at),
			kind: 'payment' as const,
			id: p.id,
			invoiceId: p.invoice_id,
			description: `Payment for ${formatInvoiceNumber(p.number)}${p.provider === 'paystack' ? ' (card)' : p.method ? ` (${p.method.replaceAll('_', ' ')})` : ''}`,
			chargeMinor: 0,
			paymentMinor: p.amount_minor,
			currency: p.currency,
			order: 1
		}))
	];
	const openings = new Map(
		(opening.results as { currency: string; balance: number }[]).map((o) => [o.currency, o.balance])
	);
	const currencies = [...new Set([...openings.keys(), ...entries.map((e) => e.currency)])].sort();
	const sections = currencies.map((currency) => {
		let balance = openings.get(currency) ?? 0;
		const lines = entries
			.filter((e) => e.currency === currency)
			.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order)
			.map(({ currency: _c, order: _o, ...e }) => {
				balance += e.chargeMinor - e.paymentMinor;
				return { ...e, balanceMinor: balance };
			});
		return {
			currency,
			openingMinor: openings.get(currency) ?? 0,
			lines,
			closingMinor: balance,
			invoicedMinor: lines.reduce((n, l) => n + l.chargeMinor, 0),
			paidMinor: lines.reduce((n, l) => n + l.paymentMinor, 0)
		};
	});
	return { client: found, workspaceName: opts.workspace.name, timeZone: zone, from, to, sections };
}
