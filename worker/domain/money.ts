/**
 * Money is integer minor units (cents, kobo, pesewas) next to an ISO 4217
 * currency. Quantities are thousandths (1500 = 1.5), tax rates basis points
 * (1500 = 15%). Every division rounds half away from zero, in integers.
 */

/** round(numerator / denominator), half away from zero, for integers. */
export function divRound(numerator: number, denominator: number): number {
	if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
		throw new RangeError(`divRound needs safe integers, got ${numerator}/${denominator}`);
	}
	const sign = Math.sign(numerator) * Math.sign(denominator);
	const n = Math.abs(numerator);
	const d = Math.abs(denominator);
	const q = Math.floor(n / d);
	const r = n - q * d;
	return sign * (r * 2 >= d ? q + 1 : q);
}

export function lineAmount(quantityMilli: number, unitPriceMinor: number): number {
	return divRound(quantityMilli * unitPriceMinor, 1000);
}

/**
 * A line: quantity x unit price, or a fixed `amountMinor` when the amount is decided elsewhere
 * (billed time: minutes x hourly rate rounded once, so it matches the time log exactly while the
 * line shows hours x rate).
 */
export type LineInput = { quantityMilli: number; unitPriceMinor: number; amountMinor?: number | null };

const amountOf = (l: LineInput) =>
	typeof l.amountMinor === 'number' ? l.amountMinor : lineAmount(l.quantityMilli, l.unitPriceMinor);
export type Totals = {
	subtotalMinor: number;
	discountMinor: number;
	taxMinor: number;
	totalMinor: number;
	lines: number[];
};

/** Subtotal of the lines, minus a fixed discount (never below zero), plus tax on the discounted amount. */
export function computeTotals(lines: LineInput[], opts: { discountMinor?: number; taxBp?: number } = {}): Totals {
	const amounts = lines.map(amountOf);
	const subtotalMinor = amounts.reduce((a, b) => a + b, 0);
	const discountMinor = Math.min(Math.max(0, opts.discountMinor ?? 0), Math.max(0, subtotalMinor));
	const taxable = subtotalMinor - discountMinor;
	const taxMinor = divRound(taxable * (opts.taxBp ?? 0), 10_000);
	return { subtotalMinor, discountMinor, taxMinor, totalMinor: taxable + taxMinor, lines: amounts };
}

/**
 * The most any one amount may be, in minor units: a line, a subtotal, a total
 * (and so anything paid against it). 100,000,000,000 is 1,000,000,000.00 in a
 * two-decimal currency. Why this bound: with tax at most 100% (10,000 basis
 * points) the largest product computed on the way to a total, taxable x basis
 * points, is 1e15, inside Number.MAX_SAFE_INTEGER (about 9.007e15), so every
 * step stays an exact integer. Paystack takes amounts as a whole number of
 * subunits with no published ceiling; this is far inside a 64-bit integer, and
 * an account's own transaction limit is Paystack's to refuse (start-payment
 * reports the refusal).
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000;
const MAX_TAX_BP = 10_000;

/** A line's amount, or null when it would be more than MAX_AMOUNT_MINOR (checked before dividing, so it never overflows). */
export function boundedLineAmount(quantityMilli: number, unitPriceMinor: number): number | null {
	const product = quantityMilli * unitPriceMinor;
	if (!Number.isSafeInteger(product)) return null;
	const amount = divRound(product, 1000);
	return amount <= MAX_AMOUNT_MINOR ? amount : null;
}

export type BoundedTotals =
	{ ok: true; totals: Totals } | { ok: false; tooLargeLines: number[]; totalTooLarge: boolean };

/**
 * computeTotals for what people typed: first checks that every line, the
 * subtotal and the total stay within MAX_AMOUNT_MINOR, so nothing computed on
 * the way leaves the safe integers. Says which lines are too large, or that the
 * sum is; never throws for a large amount. Lines must be non-negative integers.
 */
export function boundedTotals(
	lines: LineInput[],
	opts: { discountMinor?: number; taxBp?: number } = {}
): BoundedTotals {
	const taxBp = opts.taxBp ?? 0;
	if (!Number.isInteger(taxBp) || taxBp < 0 || taxBp > MAX_TAX_BP)
		throw new RangeError(`tax must be 0 to ${MAX_TAX_BP} basis points, got ${taxBp}`);
	const tooLargeLines: number[] = [];
	let subtotal = 0;
	lines.forEach((l, i) => {
		const amount =
			typeof l.amountMinor === 'number'
				? Number.isSafeInteger(l.amountMinor) && l.amountMinor >= 0 && l.amountMinor <= MAX_AMOUNT_MINOR
					? l.amountMinor
					: null
				: boundedLineAmount(l.quantityMilli, l.unitPriceMinor);
		if (amount === null) tooLargeLines.push(i);
		// Stops growing once past the bound, so any number of lines stays a safe sum.
		else if (subtotal <= MAX_AMOUNT_MINOR) subtotal += amount;
	});
	if (tooLargeLines.length) return { ok: false, tooLargeLines, totalTooLarge: false };
	if (subtotal > MAX_AMOUNT_MINOR) return { ok: false, tooLargeLines: [], totalTooLarge: true };
	const totals = computeTotals(lines, opts);
	if (totals.totalMinor > MAX_AMOUNT_MINOR) return { ok: false, tooLargeLines: [], totalTooLarge: true };
	return { ok: true, totals };
}

/** Amount for logged minutes at an hourly rate. */
export function timeAmount(minutes: number, hourlyRateMinor: number): number {
	return divRound(minutes * hourlyRateMinor, 60);
}

/** Minutes as hours in thousandths, the quantity of a billed-time line (90 -> 1500 = 1.5 h; 20 -> 333). */
export function minutesToHoursMilli(minutes: number): number {
	return divRound(minutes * 1000, 60);
}

/** Digits after the decimal point for a currency (USD 2, NGN 2, JPY 0). */
export function currencyDigits(currency: string): number {
	let digits = digitsByCurrency.get(currency);
	if (digits === undefined) {
		try {
			digits =
				new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
		} catch {
			digits = 2;
		}
		// Only real codes are kept, so the map stays as small as the set of currencies.
		if (isCurrency(currency)) digitsByCurrency.set(currency, digits);
	}
	return digits;
}

// Building an Intl.NumberFormat costs tens of microseconds: a CSV export of 20,000 invoices
// asks for the digits of six amounts per row.
const digitsByCurrency = new Map<string, number>();

export function isCurrency(code: string): boolean {
	if (!/^[A-Z]{3}$/.test(code)) return false;
	try {
		new Intl.NumberFormat('en', { style: 'currency', currency: code });
		return true;
	} catch {
		return false;
	}
}

/**
 * Parses what a person types ("1,234.5", "12", "0.99") into minor units,
 * without floats. Returns null when it is not an amount.
 */
export function parseMoney(input: string, currency: string): number | null {
	const digits = currencyDigits(currency);
	const cleaned = input.trim().replace(/[,\s_]/g, '');
	const m = /^(-)?(\d{1,13})(?:\.(\d+))?$/.exec(cleaned);
	if (!m) return null;
	const fraction = m[3] ?? '';
	if (fraction.length > digits) return null;
	const minor = Number(m[2]) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
	return m[1] ? -minor : minor;
}

/** Parses a quantity like "1.5" into thousandths (1500); up to 3 decimals. */
export function parseQuantity(input: string): number | null {
	const m = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(input.trim());
	if (!m) return null;
	return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** Minor units to the plain decimal string a form field shows ("1234.50"). */
export function minorToInput(minor: number, currency: string): string {
	const digits = currencyDigits(currency);
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	if (digits === 0) return `${sign}${abs}`;
	const s = String(abs).padStart(digits + 1, '0');
	return `${sign}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export function quantityToInput(quantityMilli: number): string {
	const whole = Math.floor(quantityMilli / 1000);
	const frac = String(quantityMilli % 1000)
		.padStart(3, '0')
		.replace(/0+$/, '');
	return frac ? `${whole}.${frac}` : String(whole);
}

/** Parses a percentage like "15" or "7.5" into basis points (1500, 750); up to 2 decimals, 0-100%. */
export function parsePercentBp(input: string): number | null {
	const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(input.trim());
	if (!m) return null;
	const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	return bp <= 10_000 ? bp : null;
}

/** Basis points to the percentage a form field shows (750 -> "7.5"). */
export function bpToInput(bp: number): string {
	const whole = Math.floor(bp / 100);
	const frac = String(bp % 100)
		.padStart(2, '0')
		.replace(/0+$/, '');
	return frac ? `${whole}.${frac}` : String(whole);
}
