import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, moneyFormat } from './format';

/** What formatMoney did before the cache: two fresh formatters per call. */
function uncached(minor: number, currency: string): string {
	const digits =
		new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
	return new Intl.NumberFormat('en', {
		style: 'currency',
		currency,
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(minor / 10 ** digits);
}

// The formatters are cached (bench: list pages format hundreds of values); the output must
// be what the per-call toLocaleDateString / Intl.NumberFormat gave.
describe('display formatters', () => {
	it('formats dates and times as before', () => {
		expect(formatDate('2026-11-23')).toBe('23 Nov 2026');
		expect(formatDate(Date.UTC(2026, 0, 5, 23, 59))).toBe('5 Jan 2026');
		expect(formatDate(null)).toBe('—');
		expect(formatDate('')).toBe('—');
		expect(formatDate('not a date')).toBe('Invalid Date');
		expect(formatDateTime(Date.UTC(2026, 10, 23, 9, 5))).toBe(
			new Date(Date.UTC(2026, 10, 23, 9, 5)).toLocaleString('en-GB', {
				day: 'numeric',
				month: 'short',
				year: 'numeric',
				hour: '2-digit',
				minute: '2-digit',
				timeZone: 'UTC'
			}) + ' UTC'
		);
		expect(formatDateTime(0)).toBe('—');
		expect(formatDateTime(Number.NaN)).toBe('—');
	});

	it('formats money per currency with its own digits, reusing one formatter per currency', () => {
		expect(formatMoney(123450, 'USD')).toBe('$1,234.50');
		expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
		expect(formatMoney(-99, 'USD')).toBe('-$0.99');
		for (const [minor, currency] of [
			[250000, 'NGN'],
			[99, 'GHS'],
			[1234567, 'KES'],
			[5, 'BHD'],
			[100, 'usd']
		] as const) {
			expect(formatMoney(minor, currency)).toBe(uncached(minor, currency));
			expect(formatMoney(minor, currency)).toBe(uncached(minor, currency));
		}
		expect(moneyFormat('USD')).toBe(moneyFormat('USD'));
		expect(moneyFormat('USD')).not.toBe(moneyFormat('EUR'));
	});

	it('still refuses an unknown currency code', () => {
		expect(() => formatMoney(100, 'NOPE')).toThrow(RangeError);
	});
});
