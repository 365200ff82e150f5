import { z } from 'zod';
import { isRealDate } from '../calendar';
import { AppError, type FieldErrors } from '../errors';
import { lineTooLargeMessage, totalTooLargeMessage } from '../amount-limits';
import { boundedTotals, computeTotals, isCurrency, parseMoney, parsePercentBp, parseQuantity, type Totals } from '../money';

export const MAX_QUOTE_ITEMS = 100;

export type QuoteLine = { description: string; quantityMilli: number; unitPriceMinor: number; optional: boolean };
export type QuoteDraft = {
	title: string;
	currency: string;
	items: QuoteLine[];
	discountMinor: number;
	taxBp: number;
	notes: string | null;
	expiresOn: string | null;
	/** The stored totals: the required lines only (optional lines count once the client ticks them). */
	totals: Totals;
	/** Every line's amount, in order (optional ones too). */
	lineAmounts: number[];
};

/** A ticked checkbox ('on' from a form, true from JSON; the last value wins when a hidden 'off' comes first). */
const isTicked = (v: unknown): boolean => {
	const last = Array.isArray(v) ? v.at(-1) : v;
	return last === true || last === 'on' || last === 'true' || last === '1';
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

const headerSchema = z.object({
	title: z.string({ error: 'Give the quote a title.' }).trim().min(1, 'Give the quote a title.').max(200, 'Keep the title under 200 characters.'),
	currency: z
		.string()
		.trim()
		.toUpperCase()
		.refine(isCurrency, 'Use a 3-letter currency code such as USD, NGN or EUR.'),
	notes: z.string().trim().max(5000, 'Keep the notes under 5,000 characters.').optional(),
	expiresOn: z
		.string()
		.trim()
		.refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v)), 'Use a date like 2026-12-31.')
		.optional()
});

/**
 * Rows of line items from JSON (`items: [{description, quantity, unitPrice}]`)
 * or from a form (`items.0.description`, ...). Blank form rows are skipped but
 * keep their index, so an error points at the row the person typed in.
 */
function rawRows(input: Record<string, unknown>): { index: number; description: string; quantity: string; unitPrice: string; optional: boolean }[] {
	const rows = new Map<number, Record<string, unknown>>();
	if (Array.isArray(input.items)) {
		input.items.forEach((row, index) => rows.set(index, (row && typeof row === 'object' ? row : {}) as Record<string, unknown>));
	} else {
		for (const [key, value] of Object.entries(input)) {
			const m = /^items\.(\d{1,3})\.(description|quantity|unitPrice|optional)$/.exec(key);
			if (!m) continue;
			const index = Number(m[1]);
			rows.set(index, { ...(rows.get(index) ?? {}), [m[2]]: value });
		}
	}
	return [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([index, r]) => ({ index, description: text(r.description), quantity: text(r.quantity), unitPrice: text(r.unitPrice), optional: isTicked(r.optional) }))
		.filter((r) => r.description || r.unitPrice || (r.quantity && r.quantity !== '1'));
}

/**
 * Validates what staff typed for a quote: amounts are parsed from text into
 * minor units (never through floats), the tax rate into basis points, and the
 * totals computed by domain/money. Every problem comes back as a field error.
 */
export function parseQuoteInput(raw: unknown, defaultCurrency: string): QuoteDraft {
	const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const fields: FieldErrors = {};
	const header = headerSchema.safeParse({
		title: input.title ?? '',
		currency: text(input.currency) || defaultCurrency,
		notes: input.notes === undefined || input.notes === null ? undefined : text(input.notes),
		expiresOn: input.expiresOn === undefined || input.expiresOn === null ? undefined : text(input.expiresOn)
	});
	if (!header.success) for (const issue of header.error.issues) fields[issue.path.join('.')] ??= issue.message;
	const currency = header.success ? header.data.currency : defaultCurrency;

	const items: QuoteLine[] = [];
	const rows = rawRows(input);
	if (rows.length === 0) fields.items = 'Add at least one line item.';
	if (rows.length > MAX_QUOTE_ITEMS) fields.items = `A quote can have at most ${MAX_QUOTE_ITEMS} line items.`;
	for (const row of rows.slice(0, MAX_QUOTE_ITEMS)) {
		const at = (f: string) => `items.${row.index}.${f}`;
		if (!row.description) fields[at('description')] = 'Describe this item.';
		else if (row.description.length > 500) fields[at('description')] = 'Keep the description under 500 characters.';
		const quantityMilli = parseQuantity(row.quantity || '1');
		if (quantityMilli === null || quantityMilli <= 0) fields[at('quantity')] = 'Enter a quantity above 0, like 1 or 2.5 (up to 3 decimals).';
		const unitPriceMinor = row.unitPrice ? parseMoney(row.unitPrice, currency) : null;
		if (unitPriceMinor === null || unitPriceMinor < 0) fields[at('unitPrice')] = `Enter a price like 1250.00 in ${currency}.`;
		items.push({ description: row.description, quantityMilli: quantityMilli ?? 0, unitPriceMinor: unitPriceMinor ?? 0, optional: row.optional });
	}

	const discountText = text(input.discount);
	const discountMinor = discountText ? parseMoney(discountText, currency) : 0;
	if (discountMinor === null || discountMinor < 0) fields.discount = `Enter a discount amount like 100.00 in ${currency}, or leave it empty.`;
	const taxText = text(input.taxRate);
	const taxBp = taxText ? parsePercentBp(taxText) : 0;
	if (taxBp === null) fields.taxRate = 'Enter a tax rate between 0 and 100, like 7.5.';

	if (items.length && items.every((item) => item.optional) && !fields.items) fields.items = 'At least one line must be required (not optional).';
	// Bounds first (money.ts MAX_AMOUNT_MINOR): a line, the subtotal and the total, before anything overflows.
	// Over every line, optional ones included, so any choice the client makes stays in bounds.
	const priced = boundedTotals(
		items.map((item, i) => (fields[`items.${rows[i].index}.quantity`] || fields[`items.${rows[i].index}.unitPrice`] ? { quantityMilli: 0, unitPriceMinor: 0 } : item)),
		{ discountMinor: discountMinor ?? 0, taxBp: taxBp ?? 0 }
	);
	if (!priced.ok) {
		for (const i of priced.tooLargeLines) fields[`items.${rows[i].index}.unitPrice`] = lineTooLargeMessage(currency);
		if (priced.totalTooLarge) fields.items ??= totalTooLargeMessage('quote', currency);
	} else if (!fields.discount && (discountMinor ?? 0) > priced.totals.lines.reduce((sum, amount, i) => sum + (items[i].optional ? 0 : amount), 0) && !Object.keys(fields).some((k) => k.startsWith('items'))) {
		fields.discount = items.some((item) => item.optional) ? 'The discount cannot be more than the subtotal of the required lines.' : 'The discount cannot be more than the subtotal.';
	}
	if (!priced.ok || Object.keys(fields).length) throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
	const lineAmounts = priced.totals.lines;
	const totals = computeTotals(
		items.filter((item) => !item.optional),
		{ discountMinor: discountMinor ?? 0, taxBp: taxBp ?? 0 }
	);

	const h = header.data!;
	return {
		title: h.title,
		currency,
		items,
		discountMinor: discountMinor ?? 0,
		taxBp: taxBp ?? 0,
		notes: h.notes ? h.notes : null,
		expiresOn: h.expiresOn ? h.expiresOn : null,
		totals,
		lineAmounts
	};
}
