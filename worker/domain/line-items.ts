import { z } from 'zod';
import { lineTooLargeMessage } from './amount-limits';
import type { FieldErrors } from './errors';
import { isTicked, rowsOf, type LineRow } from './line-item-rows';
import { boundedLineAmount, parseMoney, parseQuantity } from './money';

/**
 * Quote and invoice lines: one wire format, one schema, one set of messages.
 *
 * Wire format (read by line-item-rows.ts, which the editor shares). JSON sends `items: [{ description, quantity, unitPrice }]`; forms
 * send `items.N.description`, `items.N.quantity`, `items.N.unitPrice` (N = the
 * row, 0-999, as the line editor names its fields). Amounts are what people
 * type ("1,250.50"), parsed into integer minor units by money.ts. A quote's
 * line may also be `optional` (form: `items.N.optional` ticked; JSON: true):
 * offered to the client, out of the total until they tick it; invoices have
 * no optional lines. Blank rows
 * (the editor's spare rows) are skipped but every row keeps its N, so an error
 * points at the row that was typed in: `items.N.<field>`.
 */
export const MAX_LINE_ITEMS = 100;

export type ParsedLine = {
	index: number;
	description: string;
	quantityMilli: number;
	unitPriceMinor: number;
	optional: boolean;
};

/** Text as typed; a JSON number becomes its decimal text (an inexact float then fails to parse as money). */
const typed = (max: number, message: string) =>
	z.preprocess(
		(v) => (v === undefined || v === null ? '' : typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
		z.string({ error: message }).trim().max(max, message)
	);

/** The one schema of a line as sent (a JSON item or a form's items.N.* fields): trimmed text, each at most as long as anyone types. */
export const lineItemRowSchema = z.object({
	description: typed(500, 'Keep the description under 500 characters.'),
	quantity: typed(20, 'Enter a quantity above 0, like 1 or 2.5.'),
	unitPrice: typed(20, 'Enter a price, like 120 or 99.50.'),
	optional: z.unknown().transform(isTicked)
});

const isBlank = (row: LineRow) => !row.description && !row.unitPrice && (!row.quantity || row.quantity === '1');

export type LineLimits = { maxQuantityMilli?: number; maxUnitPriceMinor?: number };

/**
 * Parses the lines of a quote or an invoice in `currency`: each non-blank row
 * needs a description, a quantity above 0 (up to 3 decimals; empty = 1) and a
 * price; a line's amount must stay within MAX_AMOUNT_MINOR. Returns the valid
 * lines and a message per field that is not (the caller adds its own document
 * rules: at least one line, totals).
 */
export function parseLineItems(
	input: unknown,
	opts: { currency: string; document: 'quote' | 'invoice'; limits?: LineLimits }
): { lines: ParsedLine[]; fields: FieldErrors } {
	const fields: FieldErrors = {};
	const rows: LineRow[] = [];
	for (const raw of rowsOf(input)) {
		const row = lineItemRowSchema.safeParse(raw);
		if (row.success) rows.push({ index: raw.index, ...row.data });
		else for (const issue of row.error.issues) fields[`items.${raw.index}.${String(issue.path[0])}`] ??= issue.message;
	}
	const typedRows = rows.filter((row) => !isBlank(row));
	if (typedRows.length > MAX_LINE_ITEMS)
		return {
			lines: [],
			fields: {
				items: `${opts.document === 'invoice' ? 'An invoice' : 'A quote'} can have at most ${MAX_LINE_ITEMS} lines.`
			}
		};
	const { maxQuantityMilli = Infinity, maxUnitPriceMinor = Infinity } = opts.limits ?? {};
	const lines: ParsedLine[] = [];
	for (const row of typedRows) {
		const at = (field: string) => `items.${row.index}.${field}`;
		const quantityMilli = parseQuantity(row.quantity || '1');
		const unitPriceMinor = row.unitPrice ? parseMoney(row.unitPrice, opts.currency) : null;
		if (!row.description) fields[at('description')] = 'Describe this line.';
		if (row.optional && opts.document === 'invoice')
			fields[at('optional')] = 'An invoice has no optional lines: remove the line or make it required.';
		const quantityOk = quantityMilli !== null && quantityMilli > 0 && quantityMilli <= maxQuantityMilli;
		if (!quantityOk)
			fields[at('quantity')] =
				`Enter a quantity above 0, like 1 or 2.5 (up to 3 decimals${Number.isFinite(maxQuantityMilli) ? `, at most ${(maxQuantityMilli / 1000).toLocaleString('en-US')}` : ''}).`;
		const priceOk = unitPriceMinor !== null && unitPriceMinor >= 0 && unitPriceMinor <= maxUnitPriceMinor;
		if (!priceOk) fields[at('unitPrice')] = `Enter a price in ${opts.currency}, like 120 or 99.50.`;
		else if (quantityOk && boundedLineAmount(quantityMilli!, unitPriceMinor!) === null)
			fields[at('unitPrice')] = lineTooLargeMessage(opts.currency);
		else if (row.description && quantityOk)
			lines.push({
				index: row.index,
				description: row.description,
				quantityMilli: quantityMilli!,
				unitPriceMinor: unitPriceMinor!,
				optional: row.optional
			});
	}
	return { lines, fields };
}
