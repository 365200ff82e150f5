import { describe, expect, it } from 'vitest';
import { computeTotals, divRound, lineAmount, minorToInput, parseMoney, parseQuantity, quantityToInput, timeAmount } from './money';

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
		const t = computeTotals([{ quantityMilli: 2000, unitPriceMinor: 12_550 }, { quantityMilli: 1000, unitPriceMinor: 999 }], { discountMinor: 1000, taxBp: 750 });
		expect(t).toEqual({ subtotalMinor: 26_099, discountMinor: 1000, taxMinor: 1882, totalMinor: 26_981, lines: [25_100, 999] });
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
