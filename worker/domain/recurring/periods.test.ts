import { describe, expect, it } from 'vitest';
import { addMonthsClamped, firstPeriodFrom, isBeyondEnd, periodEnd, periodStart } from './periods';

describe('recurring periods', () => {
	it('clamps month ends without drifting: Jan 31 -> Feb 28 (29 in a leap year) -> Mar 31 -> Apr 30', () => {
		expect([0, 1, 2, 3].map((k) => periodStart('2027-01-31', 'monthly', k))).toEqual([
			'2027-01-31',
			'2027-02-28',
			'2027-03-31',
			'2027-04-30'
		]);
		expect(periodStart('2028-01-31', 'monthly', 1)).toBe('2028-02-29');
		expect(periodStart('2027-01-30', 'monthly', 1)).toBe('2027-02-28');
		expect(addMonthsClamped('2027-12-31', 2)).toBe('2028-02-29');
	});

	it('steps weeks, quarters and years, a leap day falling back to Feb 28', () => {
		expect(periodStart('2027-12-27', 'weekly', 1)).toBe('2028-01-03');
		expect([1, 2, 3, 4].map((k) => periodStart('2027-11-30', 'quarterly', k))).toEqual([
			'2028-02-29',
			'2028-05-30',
			'2028-08-30',
			'2028-11-30'
		]);
		expect([1, 4].map((k) => periodStart('2028-02-29', 'yearly', k))).toEqual(['2029-02-28', '2032-02-29']);
	});

	it('ends a period the day before the next starts', () => {
		expect(periodEnd('2027-01-31', 'monthly', 0)).toBe('2027-02-27');
		expect(periodEnd('2027-01-01', 'yearly', 0)).toBe('2027-12-31');
	});

	it('knows when a schedule is over, by date or by count', () => {
		const s = { startDate: '2027-01-31', frequency: 'monthly' as const, endDate: '2027-03-30', maxCount: null };
		expect(isBeyondEnd(s, 1, 1)).toBe(false);
		expect(isBeyondEnd(s, 2, 2)).toBe(true);
		expect(isBeyondEnd({ ...s, endDate: null, maxCount: 3 }, 3, 2)).toBe(false);
		expect(isBeyondEnd({ ...s, endDate: null, maxCount: 3 }, 3, 3)).toBe(true);
	});

	it('finds the first period on or after a day (resuming skips what passed)', () => {
		expect(firstPeriodFrom('2027-01-31', 'monthly', 0, '2027-04-15')).toBe(3);
		expect(periodStart('2027-01-31', 'monthly', 3)).toBe('2027-04-30');
		expect(firstPeriodFrom('2027-01-31', 'monthly', 2, '2027-01-01')).toBe(2);
	});
});
