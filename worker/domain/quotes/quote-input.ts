import { z } from 'zod';
import { isRealDate } from '../calendar';
import { AppError, type FieldErrors } from '../errors';
import { lineTooLargeMessage, totalTooLargeMessage } from '../amount-limits';
import { parseLineItems } from '../line-items';
import { boundedTotals, computeTotals, isCurrency, parseMoney, parsePercentBp, type Totals } from '../money';

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

const text = (v: unknown) =>
	typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';

const headerSchema = z.object({
	title: z
		.string({ error: 'Give the quote a title.' })
		.trim()
		.min(1, 'Give the quote a title.')
		.max(200, 'Keep the title under 200 characters.'),
	currency: z.string().trim().toUpperCase().refine(isCurrency, 'Use a 3-letter currency code such as USD, NGN or EUR.'),
	notes: z.string().trim().max(5000, 'Keep the notes under 5,000 characters.').optional(),
	expiresOn: z
		.string()
		.trim()
		.refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v)), 'Use a date like 2026-12-31.')
		.optional()
});

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

	const parsedLines = parseLineItems(input, { currency, document: 'quote' });
	Object.assign(fields, parsedLines.fields);
	const rows = parsedLines.lines;
	const items: QuoteLine[] = rows.map(({ description, quantityMilli, unitPriceMinor, optional }) => ({
		description,
		quantityMilli,
		unitPriceMinor,
		optional
	}));
	if (rows.length === 0 && !Object.keys(parsedLines.fields).length) fields.items = 'Add at least one line item.';

	const discountText = text(input.discount);
	const discountMinor = discountText ? parseMoney(discountText, currency) : 0;
	if (discountMinor === null || discountMinor < 0)
		fields.discount = `Enter a discount amount like 100.00 in ${currency}, or leave it empty.`;
	const taxText = text(input.taxRate);
	const taxBp = taxText ? parsePercentBp(taxText) : 0;
	if (taxBp === null) fields.taxRate = 'Enter a tax rate between 0 and 100, like 7.5.';

	if (items.length && items.every((item) => item.optional) && !fields.items)
		fields.items = 'At least one line must be required (not optional).';
	// Bounds first (money.ts MAX_AMOUNT_MINOR): a line, the subtotal and the total, before anything overflows.
	// Over every line, optional ones included, so any choice the client makes stays in bounds.
	const priced = boundedTotals(items, { discountMinor: discountMinor ?? 0, taxBp: taxBp ?? 0 });
	if (!priced.ok) {
		for (const i of priced.tooLargeLines) fields[`items.${rows[i].index}.unitPrice`] = lineTooLargeMessage(currency);
		if (priced.totalTooLarge) fields.items ??= totalTooLargeMessage('quote', currency);
	} else if (
		!fields.discount &&
		(discountMinor ?? 0) > priced.totals.lines.reduce((sum, amount, i) => sum + (items[i].optional ? 0 : amount), 0) &&
		!Object.keys(fields).some((k) => k.startsWith('items'))
	) {
		fields.discount = items.some((item) => item.optional)
			? 'The discount cannot be more than the subtotal of the required lines.'
			: 'The discount cannot be more than the subtotal.';
	}
	if (!priced.ok || Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
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
