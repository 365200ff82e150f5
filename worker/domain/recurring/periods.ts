import type { RecurringFrequency } from '../../../db/schema';
import { addDays } from '../calendar';

export const FREQUENCY_LABELS: Record<RecurringFrequency, string> = {
	weekly: 'Weekly',
	monthly: 'Monthly',
	quarterly: 'Every 3 months',
	yearly: 'Yearly'
};
const MONTHS: Record<Exclude<RecurringFrequency, 'weekly'>, number> = { monthly: 1, quarterly: 3, yearly: 12 };

function daysInMonth(year: number, month0: number): number {
	return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** `months` calendar months after a date, the day clamped to the month's end (Jan 31 + 1 = Feb 28, or 29 in a leap year). */
export function addMonthsClamped(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month0 = index - year * 12;
	const day = Math.min(d, daysInMonth(year, month0));
	return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The first day of period `k` (0-based) of a schedule. Always computed from the start date, never
 * from the previous period, so a clamped month does not drift: a schedule starting Jan 31 runs
 * Feb 28 (29), Mar 31, Apr 30, ...
 */
export function periodStart(startDate: string, frequency: RecurringFrequency, k: number): string {
	if (frequency === 'weekly') return addDays(startDate, 7 * k);
	return addMonthsClamped(startDate, MONTHS[frequency] * k);
}

/** The last day of period `k`: the day before the next one starts. */
export function periodEnd(startDate: string, frequency: RecurringFrequency, k: number): string {
	return addDays(periodStart(startDate, frequency, k + 1), -1);
}

/** Whether period `k` is past the schedule's end (its end date or its number of invoices). */
export function isBeyondEnd(
	schedule: { startDate: string; frequency: RecurringFrequency; endDate: string | null; maxCount: number | null },
	k: number,
	generatedCount: number
): boolean {
	if (schedule.maxCount !== null && generatedCount >= schedule.maxCount) return true;
	return schedule.endDate !== null && periodStart(schedule.startDate, schedule.frequency, k) > schedule.endDate;
}

/** The first period index from `k` on that starts on or after `today` (resuming skips what was missed while paused). */
export function firstPeriodFrom(startDate: string, frequency: RecurringFrequency, k: number, today: string): number {
	let i = k;
	// Bounded: weekly over a century is ~5,200 steps.
	while (periodStart(startDate, frequency, i) < today && i < k + 10_000) i++;
	return i;
}
