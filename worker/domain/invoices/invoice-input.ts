import { z } from 'zod';
import { totalTooLargeMessage } from '../amount-limits';
import { parseLineItems } from '../line-items';
import { boundedTotals, isCurrency, minorToInput, parseMoney, parsePercentBp } from '../money';
import { isRealDate } from '../calendar';
import { AppError, parseInput, type FieldErrors } from '../errors';

/** Limits of one invoice line as typed; a line's amount and the totals are bounded by MAX_AMOUNT_MINOR (money.ts). */
const LINE_LIMITS = { maxQuantityMilli: 10_000_000, maxUnitPriceMinor: 100_000_000 }; // 10,000 units; 1,000,000.00 in a 2-digit currency

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
const list = z.preprocess(
	(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
	z.array(z.string())
);

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

/** Validates an invoice form/JSON body into integer money, with a message per field. */
export function parseInvoiceInput(raw: unknown): InvoiceInput {
	const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const checked = baseSchema.safeParse(obj);
	if (!checked.success) {
		// Every message at once: the lines too, read in the currency as typed (or USD while it is wrong).
		const typedCurrency =
			typeof obj.currency === 'string' && knownCurrency(obj.currency.trim().toUpperCase())
				? obj.currency.trim().toUpperCase()
				: 'USD';
		const lineFields = parseLineItems(obj, {
			currency: typedCurrency,
			document: 'invoice',
			limits: LINE_LIMITS
		}).fields;
		try {
			parseInput(baseSchema, obj);
		} catch (e) {
			if (e instanceof AppError) throw new AppError(e.code, e.message, { fields: { ...lineFields, ...e.fields } });
			throw e;
		}
	}
	const base = checked.data!;
	const parsedLines = parseLineItems(obj, { currency: base.currency, document: 'invoice', limits: LINE_LIMITS });
	const fields: FieldErrors = { ...parsedLines.fields };
	const lines: ManualLine[] = parsedLines.lines.map(({ description, quantityMilli, unitPriceMinor }) => ({
		description,
		quantityMilli,
		unitPriceMinor
	}));
	const discountMinor = base.discount ? parseMoney(base.discount, base.currency) : 0;
	if (discountMinor === null || discountMinor < 0)
		fields.discount = `Enter the discount in ${base.currency}, such as 50 or 0.`;
	const taxBp = base.taxRate ? parsePercentBp(base.taxRate) : 0;
	if (taxBp === null) fields.taxRate = 'Enter the tax rate in percent, between 0 and 100 (e.g. 7.5).';
	if (
		lines.length === 0 &&
		base.timeEntryIds.length === 0 &&
		!Object.keys(fields).some((k) => k.startsWith('items.'))
	) {
		fields.items = 'Add at least one line item or time entry.';
	}
	if (Object.keys(fields).length)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', { fields });
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

export type ItemRow = {
	description: string;
	quantityMilli: number;
	unitPriceMinor: number;
	amountMinor: number;
	timeEntryId: string | null;
};

/**
 * The invoice's lines (billed time first) and totals, through money.ts only; a line,
 * subtotal or total over MAX_AMOUNT_MINOR is a field error, checked before anything
 * could overflow.
 */
export function priceInvoice(
	items: (Omit<ItemRow, 'amountMinor'> & { amountMinor?: number })[],
	input: Pick<InvoiceInput, 'discountMinor' | 'taxBp' | 'currency'>
) {
	const priced = boundedTotals(items, { discountMinor: input.discountMinor, taxBp: input.taxBp });
	if (!priced.ok)
		throw new AppError('validation_failed', 'This invoice is too large.', {
			fields: { items: totalTooLargeMessage('invoice', input.currency) }
		});
	const { totals } = priced;
	if (input.discountMinor > totals.subtotalMinor) {
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: {
				discount: `The discount is more than the subtotal (${minorToInput(totals.subtotalMinor, input.currency)}).`
			}
		});
	}
	const rows: ItemRow[] = items.map((item, i) => ({ ...item, amountMinor: totals.lines[i] }));
	return { rows, totals };
}
