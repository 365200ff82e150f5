import { z } from 'zod';
import { lineTooLargeMessage, totalTooLargeMessage } from '../amount-limits';
import { boundedLineAmount, boundedTotals, isCurrency, minorToInput, parseMoney, parsePercentBp, parseQuantity } from '../money';
import { isRealDate } from '../calendar';
import { AppError, parseInput, type FieldErrors } from '../errors';

/** Limits of one line as typed; a line's amount and the totals are bounded by MAX_AMOUNT_MINOR (money.ts). */
export const MAX_ITEMS = 100;
const MAX_QUANTITY_MILLI = 10_000_000; // 10,000 units
const MAX_UNIT_PRICE_MINOR = 100_000_000; // 1,000,000.00 in a 2-digit currency

const isoDate = (label: string) =>
	z
		.string({ error: `Enter the ${label}.` })
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date.`)
		.refine(isRealDate, `Enter a real ${label}.`);

/** Any well-formed code passes isCurrency; an invoice needs a real one (ISO 4217, as the runtime knows them). */
function knownCurrency(code: string): boolean {
	if (!isCurrency(code)) return false;
	const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency');
	return supported ? supported.includes(code) : true;
}

const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`);
const list = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

const dates = z.object({ issueDate: isoDate('issue date'), dueDate: isoDate('due date') });

const baseSchema = z
	.object({
		clientId: z.string({ error: 'Choose a client.' }).trim().min(1, 'Choose a client.'),
		projectId: z.preprocess((v) => (v === '' ? null : v), z.string().trim().min(1).nullish()),
		issueDate: isoDate('issue date'),
		dueDate: isoDate('due date'),
		currency: z
			.string({ error: 'Choose a currency.' })
			.trim()
			.toUpperCase()
			.refine(knownCurrency, 'Choose a currency (a 3-letter code such as USD or NGN).'),
		discount: text(20).default(''),
		taxRate: text(10).default(''),
		notes: text(5000).default(''),
		items: z
			.array(z.object({ description: text(500).default(''), quantity: text(20).default(''), unitPrice: text(20).default('') }))
			.max(MAX_ITEMS, `An invoice can have at most ${MAX_ITEMS} lines.`)
			.default([]),
		timeEntryIds: list
	})
	.refine((v) => v.dueDate >= v.issueDate, {
		path: ['dueDate'],
		message: 'The due date cannot be before the issue date.',
		// Also when other fields are wrong, so every message shows at once.
		when: (payload) => dates.safeParse(payload.value).success
	});

export type ManualLine = { description: string; quantityMilli: number; unitPriceMinor: number };
export type InvoiceInput = {
	clientId: string;
	projectId: string | null;
	issueDate: string;
	dueDate: string;
	currency: string;
	discountMinor: number;
	taxBp: number;
	notes: string | null;
	lines: ManualLine[];
	timeEntryIds: string[];
};

/**
 * Forms send line items as parallel lists (itemDescription, itemQuantity,
 * itemUnitPrice); the JSON API sends `items: [{description, quantity, unitPrice}]`.
 * Both become the one shape; amounts are what people type ("1,250.50").
 */
function itemsFromForm(raw: Record<string, unknown>): unknown {
	if (Array.isArray(raw.items)) return raw.items;
	const arr = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
	const d = arr(raw.itemDescription);
	const q = arr(raw.itemQuantity);
	const p = arr(raw.itemUnitPrice);
	return Array.from({ length: Math.max(d.length, q.length, p.length) }, (_, i) => ({ description: d[i] ?? '', quantity: q[i] ?? '', unitPrice: p[i] ?? '' }));
}

/** Validates an invoice form/JSON body into integer money, with a message per field. */
export function parseInvoiceInput(raw: unknown): InvoiceInput {
	const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const base = parseInput(baseSchema, { ...obj, items: itemsFromForm(obj) });
	const fields: FieldErrors = {};
	const lines: ManualLine[] = [];
	base.items.forEach((item, i) => {
		if (!item.description && !item.quantity && !item.unitPrice) return; // a blank row of the form
		const quantityMilli = parseQuantity(item.quantity || '1');
		const unitPriceMinor = parseMoney(item.unitPrice, base.currency);
		if (!item.description) fields[`items.${i}.description`] = 'Describe this line.';
		if (quantityMilli === null || quantityMilli <= 0 || quantityMilli > MAX_QUANTITY_MILLI) fields[`items.${i}.quantity`] = 'Enter a quantity such as 1 or 2.5 (up to 10,000).';
		if (unitPriceMinor === null || unitPriceMinor < 0 || unitPriceMinor > MAX_UNIT_PRICE_MINOR) fields[`items.${i}.unitPrice`] = `Enter a price in ${base.currency}, such as 120 or 99.50.`;
		else if (quantityMilli !== null && quantityMilli > 0 && quantityMilli <= MAX_QUANTITY_MILLI && boundedLineAmount(quantityMilli, unitPriceMinor) === null) fields[`items.${i}.unitPrice`] = lineTooLargeMessage(base.currency);
		if (item.description && quantityMilli !== null && unitPriceMinor !== null) lines.push({ description: item.description, quantityMilli, unitPriceMinor });
	});
	const discountMinor = base.discount ? parseMoney(base.discount, base.currency) : 0;
	if (discountMinor === null || discountMinor < 0) fields.discount = `Enter the discount in ${base.currency}, such as 50 or 0.`;
	const taxBp = base.taxRate ? parsePercentBp(base.taxRate) : 0;
	if (taxBp === null) fields.taxRate = 'Enter the tax rate in percent, between 0 and 100 (e.g. 7.5).';
	if (lines.length === 0 && base.timeEntryIds.length === 0 && !Object.keys(fields).some((k) => k.startsWith('items.'))) {
		fields.items = 'Add at least one line item or time entry.';
	}
	if (Object.keys(fields).length) throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
	return {
		clientId: base.clientId,
		projectId: base.projectId ?? null,
		issueDate: base.issueDate,
		dueDate: base.dueDate,
		currency: base.currency,
		discountMinor: discountMinor!,
		taxBp: taxBp!,
		notes: base.notes || null,
		lines,
		timeEntryIds: [...new Set(base.timeEntryIds)]
	};
}

export type ItemRow = { description: string; quantityMilli: number; unitPriceMinor: number; amountMinor: number; timeEntryId: string | null };

/**
 * The invoice's lines (billed time first) and totals, through money.ts only; a line,
 * subtotal or total over MAX_AMOUNT_MINOR is a field error, checked before anything
 * could overflow.
 */
export function priceInvoice(items: (Omit<ItemRow, 'amountMinor'> & { amountMinor?: number })[], input: Pick<InvoiceInput, 'discountMinor' | 'taxBp' | 'currency'>) {
	const priced = boundedTotals(items, { discountMinor: input.discountMinor, taxBp: input.taxBp });
	if (!priced.ok) throw new AppError('validation_failed', 'This invoice is too large.', { fields: { items: totalTooLargeMessage('invoice', input.currency) } });
	const { totals } = priced;
	if (input.discountMinor > totals.subtotalMinor) {
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields: { discount: `The discount is more than the subtotal (${minorToInput(totals.subtotalMinor, input.currency)}).` } });
	}
	const rows: ItemRow[] = items.map((item, i) => ({ ...item, amountMinor: totals.lines[i] }));
	return { rows, totals };
}
