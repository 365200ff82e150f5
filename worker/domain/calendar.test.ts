import { describe, expect, it } from 'vitest';
import { sweepClockChanges } from '../../tests/fixtures/clock-changes';
import { addDays, isRealDate, todayIn } from './calendar';

describe('calendar dates', () => {
	const lateEveningUtc = Date.parse('2026-03-31T23:30:00Z');

	it("gives today's date in the workspace's time zone, UTC when it has none or an unknown one", () => {
		expect(todayIn('UTC', lateEveningUtc)).toBe('2026-03-31');
		expect(todayIn('Africa/Lagos', lateEveningUtc)).toBe('2026-04-01');
		expect(todayIn('America/New_York', lateEveningUtc)).toBe('2026-03-31');
		expect(todayIn(null, lateEveningUtc)).toBe('2026-03-31');
		expect(todayIn('Not/AZone', lateEveningUtc)).toBe('2026-03-31');
	});

	it('remembers the day per quarter hour without ever disagreeing with Intl, across midnights and clock changes', () => {
		// Offsets of whole, half and three-quarter hours; changes of 30 minutes (Lord Howe); the
		// clock changes of a whole year, found with Intl (an input, not compared with any clock).
		const formats = new Map<string, Intl.DateTimeFormat>();
		const intl = (timeZone: string) =>
			formats.get(timeZone) ??
			formats
				.set(
					timeZone,
					new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
				)
				.get(timeZone)!;
		const { wrong, checked, changes } = sweepClockChanges(
			lateEveningUtc,
			(zone, t) => todayIn(zone, t) === intl(zone).format(t)
		);
		expect(wrong).toEqual([]);
		expect(changes).toBeGreaterThanOrEqual(12);
		expect(checked).toBeGreaterThan(9_000);
	});

	it('tells real dates from impossible ones', () => {
		expect(isRealDate('2028-02-29')).toBe(true);
		expect(isRealDate('2026-02-29')).toBe(false);
		expect(isRealDate('2026-13-01')).toBe(false);
		expect(isRealDate('yesterday')).toBe(false);
	});

	it('adds days across month and year ends', () => {
		expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
		expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});
