import { describe, expect, it } from 'vitest';
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
		const DAY = 86_400_000;
		// Offsets of whole, half and three-quarter hours; zones that change by 30 minutes (Lord Howe) or cross midnight.
		const zones = [
			'Africa/Lagos',
			'America/New_York',
			'America/St_Johns',
			'America/Santiago',
			'Europe/London',
			'Asia/Kathmandu',
			'Australia/Lord_Howe',
			'Australia/Eucla',
			'Pacific/Chatham',
			'Pacific/Kiritimati'
		];
		// Days around the 2026 clock changes of those zones (the dates are inputs, not compared with any clock).
		const days = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-09-27', '2026-10-04', '2026-11-01'];
		const step = 7 * 60_000 + 13_000;
		const wrong: string[] = [];
		let checked = 0;
		for (const timeZone of zones) {
			const intl = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
			for (const day of days) {
				const start = Date.parse(`${day}T00:00:00Z`) - DAY;
				for (let t = start; t < start + 3 * DAY; t += step, checked++) {
					if (todayIn(timeZone, t) !== intl.format(t)) wrong.push(`${timeZone} ${new Date(t).toISOString()}`);
				}
			}
		}
		expect(wrong).toEqual([]);
		expect(checked).toBeGreaterThan(20_000);
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
