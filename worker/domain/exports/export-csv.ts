import { z } from 'zod';
import { requireStaff } from '../actor';
import { todayIn } from '../calendar';
import { parseInput } from '../errors';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import { minorToInput, timeAmount } from '../money';
import type { Scope } from '../scope';
import type { D1Client } from '../../services/db';
import { csvStream, EXPORT_PAGE_SIZE, isoTime, type CsvValue } from './csv';

export const EXPORT_KINDS = ['clients', 'invoices', 'payments', 'time'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const inputSchema = z.object({ kind: z.enum(EXPORT_KINDS, { error: 'Choose clients, invoices, payments or time.' }) });

type Page<C> = { lines: CsvValue[][]; last: C | null };
type Exporter<C> = {
	header: string[];
	nextPage: (d1: D1Client, workspaceId: string, after: C | null) => Promise<Page<C>>;
};

/**
 * An exporter that reads one keyset page per query: `sql` takes the workspace as ?1 and the
 * cursor of the last row sent as ?2 (and ?3), `cursor` gives the next one from a page's last row.
 */
function keysetExporter<R, C>(spec: {
	header: string[];
	sql: string;
	bind: (after: C | null) => unknown[];
	line: (row: R) => CsvValue[];
	cursor: (row: R) => C;
}): Exporter<C> {
	return {
		header: spec.header,
		async nextPage(d1, ws, after) {
			const { results } = await d1
				.prepare(spec.sql)
				.bind(ws, ...spec.bind(after))
				.all<R>();
			const last = results.at(-1);
			return { lines: results.map(spec.line), last: last ? spec.cursor(last) : null };
		}
	};
}

const money = (minor: number | null, currency: string) => (minor === null ? '' : minorToInput(minor, currency));
const invoiceNo = (n: number | null) => (n === null ? '' : formatInvoiceNumber(n));

type ClientRow = {
	id: string;
	name: string;
	website: string | null;
	phone: string | null;
	address: string | null;
	contact_name: string | null;
	contact_email: string | null;
	archived_at: number | null;
	created_at: number;
};
const clientsCsv = keysetExporter<ClientRow, [string, string]>({
	header: [
		'id',
		'name',
		'website',
		'phone',
		'address',
		'primary_contact',
		'primary_contact_email',
		'archived_at',
		'created_at'
	],
	// Keyset on (name, id), which clients_ws_name_idx serves.
	sql: `SELECT c.id, c.name, c.website, c.phone, c.address, c.archived_at, c.created_at,
			pc.name AS contact_name, pc.email AS contact_email
		FROM clients c
		LEFT JOIN client_contacts pc ON pc.id = (SELECT cc.id FROM client_contacts cc WHERE cc.client_id = c.id AND cc.workspace_id = ?1 AND cc.archived_at IS NULL ORDER BY cc.is_primary DESC, cc.created_at LIMIT 1)
		WHERE c.workspace_id = ?1 AND (c.name, c.id) > (?2, ?3)
		ORDER BY c.name, c.id LIMIT ${EXPORT_PAGE_SIZE}`,
	bind: (after) => [after?.[0] ?? '', after?.[1] ?? ''],
	line: (r) => [
		r.id,
		r.name,
		r.website,
		r.phone,
		r.address,
		r.contact_name,
		r.contact_email,
		isoTime(r.archived_at),
		isoTime(r.created_at)
	],
	cursor: (r) => [r.name, r.id]
});

type InvoiceRow = {
	id: string;
	number: number;
	client: string | null;
	status: string;
	issue_date: string;
	due_date: string;
	currency: string;
	subtotal_minor: number;
	discount_minor: number;
	tax_minor: number;
	total_minor: number;
	amount_paid_minor: number;
	sent_at: number | null;
	paid_at: number | null;
	voided_at: number | null;
};
const invoicesCsv = keysetExporter<InvoiceRow, number>({
	header: [
		'number',
		'id',
		'client',
		'status',
		'issue_date',
		'due_date',
		'currency',
		'subtotal',
		'discount',
		'tax',
		'total',
		'paid',
		'balance',
		'sent_at',
		'paid_at',
		'voided_at'
	],
	// Keyset on number, which invoices_ws_number_uq serves.
	sql: `SELECT i.id, i.number, c.name AS client, i.status, i.issue_date, i.due_date, i.currency, i.subtotal_minor, i.discount_minor, i.tax_minor,
			i.total_minor, i.amount_paid_minor, i.sent_at, i.paid_at, i.voided_at
		FROM invoices i LEFT JOIN clients c ON c.id = i.client_id AND c.workspace_id = ?1
		WHERE i.workspace_id = ?1 AND i.number > ?2 ORDER BY i.number LIMIT ${EXPORT_PAGE_SIZE}`,
	bind: (after) => [after ?? -1],
	line: (r) => [
		invoiceNo(r.number),
		r.id,
		r.client,
		r.status,
		r.issue_date,
		r.due_date,
		r.currency,
		money(r.subtotal_minor, r.currency),
		money(r.discount_minor, r.currency),
		money(r.tax_minor, r.currency),
		money(r.total_minor, r.currency),
		money(r.amount_paid_minor, r.currency),
		money(r.status === 'void' ? 0 : r.total_minor - r.amount_paid_minor, r.currency),
		isoTime(r.sent_at),
		isoTime(r.paid_at),
		isoTime(r.voided_at)
	],
	cursor: (r) => r.number
});

type PaymentRow = {
	rid: number;
	id: string;
	invoice_number: number | null;
	client: string | null;
	provider: string;
	method: string | null;
	reference: string;
	status: string;
	amount_minor: number;
	currency: string;
	paid_at: number | null;
	created_at: number;
	reversed_at: number | null;
	note: string | null;
};
const paymentsCsv = keysetExporter<PaymentRow, number>({
	header: [
		'id',
		'invoice',
		'client',
		'status',
		'amount',
		'currency',
		'provider',
		'method',
		'reference',
		'paid_at',
		'created_at',
		'reversed_at',
		'note'
	],
	// Keyset on rowid: payments have no workspace index, so each page resumes the table walk where the last stopped (one pass in all).
	sql: `SELECT p.rowid AS rid, p.id, i.number AS invoice_number, c.name AS client, p.provider, p.method, p.reference, p.status, p.amount_minor, p.currency,
			p.paid_at, p.created_at, p.reversed_at, p.note
		FROM payments p
		LEFT JOIN invoices i ON i.id = p.invoice_id AND i.workspace_id = ?1
		LEFT JOIN clients c ON c.id = p.client_id AND c.workspace_id = ?1
		WHERE p.workspace_id = ?1 AND p.rowid > ?2 ORDER BY p.rowid LIMIT ${EXPORT_PAGE_SIZE}`,
	bind: (after) => [after ?? 0],
	line: (r) => [
		r.id,
		invoiceNo(r.invoice_number),
		r.client,
		r.status,
		money(r.amount_minor, r.currency),
		r.currency,
		r.provider,
		r.method,
		r.reference,
		isoTime(r.paid_at),
		isoTime(r.created_at),
		isoTime(r.reversed_at),
		r.note
	],
	cursor: (r) => r.rid
});

type TimeRow = {
	rid: number;
	id: string;
	date: string;
	client: string | null;
	project: string | null;
	task: string | null;
	person: string | null;
	minutes: number;
	description: string;
	billable: number;
	rate_minor: number;
	currency: string;
	invoice_number: number | null;
};
const timeCsv = keysetExporter<TimeRow, number>({
	header: [
		'id',
		'date',
		'client',
		'project',
		'task',
		'person',
		'minutes',
		'hours',
		'description',
		'billable',
		'rate',
		'amount',
		'currency',
		'invoice'
	],
	sql: `SELECT t.rowid AS rid, t.id, t.date, c.name AS client, p.name AS project, k.title AS task, u.name AS person, t.minutes, t.description, t.billable,
			t.rate_minor, t.currency, i.number AS invoice_number
		FROM time_entries t
		LEFT JOIN clients c ON c.id = t.client_id AND c.workspace_id = ?1
		LEFT JOIN projects p ON p.id = t.project_id AND p.workspace_id = ?1
		LEFT JOIN tasks k ON k.id = t.task_id AND k.workspace_id = ?1
		LEFT JOIN users u ON u.id = t.user_id
		LEFT JOIN invoices i ON i.id = t.invoice_id AND i.workspace_id = ?1
		WHERE t.workspace_id = ?1 AND t.rowid > ?2 ORDER BY t.rowid LIMIT ${EXPORT_PAGE_SIZE}`,
	bind: (after) => [after ?? 0],
	line: (r) => [
		r.id,
		r.date,
		r.client,
		r.project,
		r.task,
		r.person,
		r.minutes,
		(r.minutes / 60).toFixed(2),
		r.description,
		r.billable === 1,
		money(r.rate_minor, r.currency),
		money(r.billable ? timeAmount(r.minutes, r.rate_minor) : 0, r.currency),
		r.currency,
		invoiceNo(r.invoice_number)
	],
	cursor: (r) => r.rid
});

// Each exporter only ever gets back the cursors it made, so the cursor type can be forgotten here.
const EXPORTERS = {
	clients: clientsCsv,
	invoices: invoicesCsv,
	payments: paymentsCsv,
	time: timeCsv
} as unknown as Record<ExportKind, Exporter<unknown>>;

/**
 * A CSV export of the workspace's clients, invoices, payments or time entries (staff only),
 * as a stream that reads EXPORT_PAGE_SIZE rows per D1 query, by keyset, only when the client
 * has taken the previous page: the largest workspace never sits in memory. Money is a
 * decimal in the currency's minor-unit exponent next to a currency column; calendar dates
 * are YYYY-MM-DD and timestamps ISO 8601 UTC.
 */
export async function exportCsv(
	opts: Scope & { input: Record<string, unknown> }
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
	requireStaff(opts.actor);
	const { kind } = parseInput(inputSchema, opts.input);
	const exporter = EXPORTERS[kind];
	const d1 = opts.services.db.$client;
	const ws = opts.workspace.id;
	const today = todayIn(opts.workspace.timezone, opts.services.clock.now());
	return {
		filename: `${opts.workspace.slug}-${kind}-${today}.csv`,
		body: csvStream(exporter.header, (after) => exporter.nextPage(d1, ws, after))
	};
}
