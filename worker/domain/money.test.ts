import { describe, expect, it } from 'vitest';
import {
	boundedLineAmount,
	boundedTotals,
	computeTotals,
	divRound,
	lineAmount,
	MAX_AMOUNT_MINOR,
	minorToInput,
	parseMoney,
	parseQuantity,
	quantityToInput,
	timeAmount
} from './money';

describe('money', () => {
	it('rounds half away from zero in integers', () => {
		expect(divRound(5, 2)).toBe(3);
		expect(divRound(-5, 2)).toBe(-3);
		expect(divRound(4, 3)).toBe(1);
		expect(divRound(1, 3)).toBe(0);
		expect(() => divRound(1.5, 2)).toThrow();
	});

	it('prices fractional quantities without floats', () => {
		expect(lineAmount(1500, 3333)).toBe(5000); // 1.5 x 33.33 = 49.995 -> 50.00
		expect(lineAmount(333, 100)).toBe(33);
	});

	it('totals lines with a discount and tax on the discounted amount', () => {
		const t = computeTotals(
			[
				{ quantityMilli: 2000, unitPriceMinor: 12_550 },
				{ quantityMilli: 1000, unitPriceMinor: 999 }
			],
			{ discountMinor: 1000, taxBp: 750 }
		);
		expect(t).toEqual({
			subtotalMinor: 26_099,
			discountMinor: 1000,
			taxMinor: 1882,
			totalMinor: 26_981,
			lines: [25_100, 999]
		});
	});

	it('never discounts below zero', () => {
		expect(computeTotals([{ quantityMilli: 1000, unitPriceMinor: 500 }], { discountMinor: 9999 }).totalMinor).toBe(0);
	});

	it('prices time at an hourly rate', () => {
		expect(timeAmount(90, 10_000)).toBe(15_000);
		expect(timeAmount(7, 10_000)).toBe(1167);
	});

	it('parses typed amounts per currency', () => {
		expect(parseMoney('1,234.5', 'USD')).toBe(123_450);
		expect(parseMoney('0.99', 'USD')).toBe(99);
		expect(parseMoney('12', 'NGN')).toBe(1200);
		expect(parseMoney('500', 'JPY')).toBe(500);
		expect(parseMoney('1.5', 'JPY')).toBeNull();
		expect(parseMoney('1.234', 'USD')).toBeNull();
		expect(parseMoney('abc', 'USD')).toBeNull();
		expect(parseMoney('1e5', 'USD')).toBeNull();
	});

	it('round-trips form values', () => {
		expect(minorToInput(123_450, 'USD')).toBe('1234.50');
		expect(minorToInput(5, 'USD')).toBe('0.05');
		expect(minorToInput(500, 'JPY')).toBe('500');
		expect(parseQuantity('1.5')).toBe(1500);
		expect(parseQuantity('2')).toBe(2000);
		expect(parseQuantity('1.2345')).toBeNull();
		expect(quantityToInput(1500)).toBe('1.5');
		expect(quantityToInput(2000)).toBe('2');
	});
});

describe('amount bounds', () => {
	it('says which lines, or that the sum, would pass MAX_AMOUNT_MINOR, without overflowing', () => {
		expect(boundedLineAmount(1000, MAX_AMOUNT_MINOR)).toBe(MAX_AMOUNT_MINOR);
		expect(boundedLineAmount(1001, MAX_AMOUNT_MINOR)).toBeNull();
		expect(boundedLineAmount(999_999_999_000, 999_999_999_999_900)).toBeNull(); // product far past safe integers
		expect(
			boundedTotals([
				{ quantityMilli: 1000, unitPriceMinor: 5 },
				{ quantityMilli: 10_000_000, unitPriceMinor: 100_000_000 }
			])
		).toEqual({ ok: false, tooLargeLines: [1], totalTooLarge: false });
		const half = { quantityMilli: 1000, unitPriceMinor: MAX_AMOUNT_MINOR / 2 + 1 };
		expect(boundedTotals([half, half])).toEqual({ ok: false, tooLargeLines: [], totalTooLarge: true });
		// Many lines, each allowed: the sum stays a safe integer and is refused.
		expect(
			boundedTotals(
				Array.from({ length: 200_000 }, () => ({ quantityMilli: 1000, unitPriceMinor: MAX_AMOUNT_MINOR })),
				{ taxBp: 10_000 }
			)
		).toMatchObject({ ok: false, totalTooLarge: true });
		// Tax at 100% on the largest subtotal: refused, not thrown.
		expect(boundedTotals([{ quantityMilli: 1000, unitPriceMinor: MAX_AMOUNT_MINOR }], { taxBp: 10_000 })).toMatchObject(
			{ ok: false, totalTooLarge: true }
		);
		expect(boundedTotals([{ quantityMilli: 1000, unitPriceMinor: MAX_AMOUNT_MINOR }])).toMatchObject({
			ok: true,
			totals: { totalMinor: MAX_AMOUNT_MINOR }
		});
		expect(MAX_AMOUNT_MINOR * 10_000).toBeLessThan(Number.MAX_SAFE_INTEGER);
	});
});
