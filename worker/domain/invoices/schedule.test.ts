import { describe, expect, it } from 'vitest';
import {
	allocateSchedule,
	amountThrough,
	instalmentStates,
	parseSchedule,
	scheduleFor,
	type ScheduleRow
} from './schedule';

const ISSUE = '2026-03-01';
const rows = (...shares: string[]) =>
	Object.fromEntries(
		shares.flatMap((share, i) => [
			[`schedule.${i}.share`, share],
			[`schedule.${i}.dueDate`, `2026-03-${String(i + 1).padStart(2, '0')}`]
		])
	);
const split = (total: number, ...shares: string[]) =>
	scheduleFor(rows(...shares), { currency: 'USD', issueDate: ISSUE, totalMinor: total }).map((s) => s.amountMinor);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('payment schedules: instalments sum to the total to the minor unit', () => {
	it('splits 3 x 33.33% of 100.00 into 33.33 + 33.33 + 33.34 (the rounding remainder on the last)', () => {
		expect(split(10_000, '33.33%', '33.33%', '33.33%')).toEqual([3333, 3333, 3334]);
	});

	it('splits 50% now, 50% on delivery evenly, and an odd cent onto the last', () => {
		expect(split(10_000, '50%', '50%')).toEqual([5000, 5000]);
		expect(split(10_001, '50%', '50%')).toEqual([5001, 5000]);
	});

	it('always sums exactly, over many awkward totals and splits', () => {
		const splits = [
			['33.33%', '33.33%', '33.33%'],
			['16.67%', '16.67%', '16.67%', '16.67%', '16.67%', '16.67%'],
			['14.29%', '14.29%', '14.29%', '14.29%', '14.29%', '14.29%', '14.26%'],
			['10%', '20%', ''],
			['25%', '250.00', ''],
			['0.01%', '99.99%']
		];
		for (const total of [99, 100, 101, 9_999, 10_000, 10_001, 123_457, 99_999_999_999, 100_000_000_000]) {
			for (const shares of splits) {
				let amounts: number[];
				try {
					amounts = split(total, ...shares);
				} catch {
					continue; // too small to split this way: refused, never wrong
				}
				expect(sum(amounts), `${total} split ${shares.join(' + ')}`).toBe(total);
				expect(amounts.every((a) => Number.isInteger(a) && a > 0)).toBe(true);
			}
		}
	});

	it('mixes a fixed deposit, a percentage and the rest', () => {
		expect(split(100_000, '250.00', '50%', '')).toEqual([25_000, 50_000, 25_000]);
		const schedule = scheduleFor(rows('250.00', '50%', ''), { currency: 'USD', issueDate: ISSUE, totalMinor: 100_000 });
		expect(schedule.map((s) => s.cumulativeMinor)).toEqual([25_000, 75_000, 100_000]);
		expect(schedule.map((s) => s.label)).toEqual(['Deposit', 'Instalment 2', 'Balance']);
		expect(schedule.map((s) => s.percentBp)).toEqual([null, 5000, null]);
	});

	it('refuses shares that do not add up, with the field named', () => {
		expect(() => split(10_000, '50%', '30%')).toThrow(
			expect.objectContaining({ fields: { schedule: expect.stringContaining('80% of the total') } })
		);
		expect(() => split(10_000, '40.00', '50.00')).toThrow(
			expect.objectContaining({ fields: { schedule: expect.stringContaining('$90.00') } })
		);
		expect(() => split(10_000, '90.00', '20.00', '')).toThrow(
			expect.objectContaining({ fields: { schedule: expect.stringContaining('more than the total') } })
		);
		expect(() => split(10_000, '100%', '')).toThrow(
			expect.objectContaining({ fields: { schedule: expect.stringContaining('Nothing is left') } })
		);
	});

	it('checks each row: shares, dates in order, not before the issue date, a blank share only last', () => {
		const { fields } = parseSchedule(
			{
				'schedule.0.share': 'lots',
				'schedule.0.dueDate': '2026-02-30',
				'schedule.1.share': '',
				'schedule.1.dueDate': '2026-02-01',
				'schedule.2.share': '0%',
				'schedule.2.dueDate': '2026-03-05',
				'schedule.3.share': '10%',
				'schedule.3.dueDate': '2026-03-04'
			},
			{ currency: 'USD', issueDate: ISSUE }
		);
		expect(fields).toMatchObject({
			'schedule.0.share': expect.stringContaining('percentage'),
			'schedule.0.dueDate': expect.stringContaining('real date'),
			'schedule.1.share': expect.stringContaining('only the last'),
			'schedule.1.dueDate': expect.stringContaining('before the issue date'),
			'schedule.2.share': expect.stringContaining('above 0'),
			'schedule.3.dueDate': expect.stringContaining('date order')
		});
		expect(
			parseSchedule({ 'schedule.0.share': '50%', 'schedule.0.dueDate': ISSUE }, { currency: 'USD', issueDate: ISSUE })
				.fields.schedule
		).toContain('at least two');
		expect(parseSchedule({}, { currency: 'USD', issueDate: ISSUE })).toEqual({ rows: [], fields: {} });
	});

	it('takes JSON rows with percent / amount keys too', () => {
		const schedule = scheduleFor(
			{
				schedule: [
					{ label: 'Now', percent: '30', dueDate: ISSUE },
					{ label: 'Later', amount: '', dueDate: '2026-04-01' }
				]
			},
			{ currency: 'USD', issueDate: ISSUE, totalMinor: 1_000 }
		);
		expect(schedule.map((s) => [s.label, s.amountMinor])).toEqual([
			['Now', 300],
			['Later', 700]
		]);
	});

	it('derives what each instalment has been paid, in order, and what Pay now charges for each', () => {
		const schedule = scheduleFor(rows('30%', '30%', ''), { currency: 'USD', issueDate: ISSUE, totalMinor: 10_000 }).map(
			(s, i) => ({ ...s, id: `ins_${i}` })
		);
		const states = instalmentStates(schedule, 4_000, '2026-03-03');
		expect(states.map((s) => [s.paidMinor, s.remainingMinor, s.paid, s.overdue])).toEqual([
			[3000, 0, true, false],
			[1000, 2000, false, true],
			[0, 4000, false, false]
		]);
		expect(amountThrough(schedule, 2, 4_000)).toBe(2000);
		expect(amountThrough(schedule, 3, 4_000)).toBe(6000);
	});

	it('allocates from typed rows directly (the function the quote deposit shares)', () => {
		const typed: ScheduleRow[] = [
			{ label: 'A', share: { kind: 'percent', bp: 3333 }, dueDate: ISSUE },
			{ label: 'B', share: { kind: 'percent', bp: 3333 }, dueDate: ISSUE },
			{ label: 'C', share: { kind: 'percent', bp: 3333 }, dueDate: ISSUE }
		];
		expect(allocateSchedule(10_000, typed, 'USD').instalments.map((s) => s.amountMinor)).toEqual([3333, 3333, 3334]);
	});
});
