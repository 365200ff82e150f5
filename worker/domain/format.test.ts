import { describe, expect, it } from 'vitest';
import { sweepClockChanges } from '../../tests/fixtures/clock-changes';
import { testClock } from '../../tests/helpers';
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

	it("remembers formatted days without ever disagreeing with Intl: an instant's day in awkward zones across clock changes", () => {
		const { wrong, checked } = sweepClockChanges(testClock.now(), (timeZone, t) => {
			const fresh = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
			return formatDate(t, timeZone) === fresh.format(t) && formatDate(t, timeZone) === fresh.format(t);
		});
		expect(wrong).toEqual([]);
		expect(checked).toBeGreaterThan(9_000);
	});

	it('gives each calendar date its own text, also after the memory of formatted days is emptied', () => {
		const seen = new Set<string>();
		// Days from the pinned test clock's, 5,000 of them (the days are inputs, not compared with any clock).
		const start = Date.parse(`${new Date(testClock.now()).toISOString().slice(0, 10)}T00:00:00Z`);
		const first = new Date(start).toISOString().slice(0, 10);
		let firstText = '';
		// More distinct days than the memory keeps (4096), so it is emptied on the way and refilled.
		for (let i = 0; i < 5000; i++) {
			const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
			const expected = new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
				day: 'numeric',
				month: 'short',
				year: 'numeric',
				timeZone: 'UTC'
			});
			expect(formatDate(day)).toBe(expected);
			seen.add(formatDate(day));
			if (i === 0) firstText = expected;
		}
		expect(seen.size).toBe(5000);
		// The first day was forgotten when the memory was emptied, and is formatted the same again.
		expect(formatDate(first)).toBe(firstText);
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
