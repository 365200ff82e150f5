import { describe, expect, it } from 'vitest';
import { durationInput, parseDuration } from './duration';
import { timeTotals } from './time-totals';

describe('parseDuration', () => {
	it('reads minutes, hours:minutes and h/m forms', () => {
		expect(parseDuration('90')).toBe(90);
		expect(parseDuration(' 1:30 ')).toBe(90);
		expect(parseDuration('0:05')).toBe(5);
		expect(parseDuration('1h 30m')).toBe(90);
		expect(parseDuration('2h')).toBe(120);
		expect(parseDuration('45m')).toBe(45);
		expect(parseDuration('1 hour 15 mins')).toBe(75);
	});

	it('refuses what is not clearly a duration', () => {
		for (const text of ['', '1.5', 'abc', '1:75', '1:5', '-30', 'h', '1h 30x'])
			expect(parseDuration(text), text).toBeNull();
	});

	it('shows minutes as h:mm', () => {
		expect(durationInput(0)).toBe('0:00');
		expect(durationInput(345)).toBe('5:45');
	});
});

describe('timeTotals', () => {
	it('rounds each entry half away from zero, so the total is the sum of the amounts shown', () => {
		// 1 minute at 1.00/h is 1.67 cents, shown as 2 cents: three such entries total 6, not round(5.0) = 5.
		const totals = timeTotals([{ billable: true, currency: 'USD', rateMinor: 100, minutes: 1, entries: 3 }]);
		expect(totals.billableAmounts).toEqual([{ currency: 'USD', amountMinor: 6 }]);
		// 3 minutes at 0.10/h is exactly half a cent: rounds up.
		expect(
			timeTotals([{ billable: true, currency: 'USD', rateMinor: 10, minutes: 3, entries: 1 }]).billableAmounts
		).toEqual([{ currency: 'USD', amountMinor: 1 }]);
		// 7 minutes at 100.00/h = 1166.67 cents -> 1167.
		expect(
			timeTotals([{ billable: true, currency: 'USD', rateMinor: 10_000, minutes: 7, entries: 1 }]).billableAmounts[0]
				.amountMinor
		).toBe(1167);
	});

	it('adds minutes of all entries, keeps non-billable out of the amounts and never mixes currencies', () => {
		const totals = timeTotals([
			{ billable: true, currency: 'USD', rateMinor: 9500, minutes: 120, entries: 1 },
			{ billable: true, currency: 'USD', rateMinor: 9500, minutes: 90, entries: 2 },
			{ billable: false, currency: 'USD', rateMinor: 9500, minutes: 30, entries: 1 },
			{ billable: true, currency: 'EUR', rateMinor: 6000, minutes: 60, entries: 1 }
		]);
		expect(totals).toEqual({
			entries: 5,
			totalMinutes: 120 + 180 + 30 + 60,
			billableMinutes: 120 + 180 + 60,
			nonBillableMinutes: 30,
			billableAmounts: [
				{ currency: 'EUR', amountMinor: 6000 },
				{ currency: 'USD', amountMinor: 19_000 + 2 * 14_250 }
			]
		});
		expect(timeTotals([])).toEqual({
			entries: 0,
			totalMinutes: 0,
			billableMinutes: 0,
			nonBillableMinutes: 0,
			billableAmounts: []
		});
	});
});
