import { describe, expect, it } from 'vitest';
import { bpToInput, parsePercentBp } from '../money';
import { parseQuoteInput } from './quote-input';

describe('quote input', () => {
	it('parses typed amounts into integer minor units and totals them with discount and tax', () => {
		const draft = parseQuoteInput(
			{
				title: ' Site ',
				items: [
					{ description: 'Design', quantity: '2', unitPrice: '1,250.00' },
					{ description: 'Build', quantity: '1.5', unitPrice: '999.99' }
				],
				discount: '100',
				taxRate: '7.5'
			},
			'USD'
		);
		expect(draft.items).toEqual([
			{ description: 'Design', quantityMilli: 2000, unitPriceMinor: 125_000, optional: false },
			{ description: 'Build', quantityMilli: 1500, unitPriceMinor: 99_999, optional: false }
		]);
		// 1.5 x 999.99 = 1499.985 -> 1499.99 (half away from zero); tax 7.5% of 3899.99 = 292.49925 -> 292.50
		expect(draft.totals).toEqual({
			lines: [250_000, 149_999],
			subtotalMinor: 399_999,
			discountMinor: 10_000,
			taxMinor: 29_250,
			totalMinor: 419_249
		});
		expect(draft.title).toBe('Site');
		expect(draft.taxBp).toBe(750);
	});

	it('reads form rows (items.N.field), skips blank rows and points errors at the row typed in', () => {
		expect(() =>
			parseQuoteInput(
				{
					title: 'X',
					'items.0.description': 'Ok',
					'items.0.quantity': '1',
					'items.0.unitPrice': '10',
					'items.1.description': '',
					'items.1.quantity': '1',
					'items.1.unitPrice': '',
					'items.2.description': 'Bad',
					'items.2.quantity': '-1',
					'items.2.unitPrice': '1.234'
				},
				'USD'
			)
		).toThrow(
			expect.objectContaining({
				code: 'validation_failed',
				fields: { 'items.2.quantity': expect.any(String), 'items.2.unitPrice': expect.stringContaining('USD') }
			})
		);
	});

	it('keeps optional lines out of the stored totals, bounds them all, and needs one required line', () => {
		const draft = parseQuoteInput(
			{
				title: 'Site',
				'items.0.description': 'Build',
				'items.0.unitPrice': '1000',
				'items.1.description': 'Copywriting',
				'items.1.unitPrice': '250',
				'items.1.optional': ['off', 'on'],
				taxRate: '10'
			},
			'USD'
		);
		expect(draft.items.map((i) => i.optional)).toEqual([false, true]);
		expect(draft.lineAmounts).toEqual([100_000, 25_000]);
		expect(draft.totals).toMatchObject({ subtotalMinor: 100_000, taxMinor: 10_000, totalMinor: 110_000 });
		expect(() =>
			parseQuoteInput({ title: 'X', items: [{ description: 'A', unitPrice: '10', optional: true }] }, 'USD')
		).toThrow(expect.objectContaining({ fields: { items: expect.stringContaining('required') } }));
		expect(() =>
			parseQuoteInput(
				{
					title: 'X',
					items: [
						{ description: 'A', unitPrice: '10' },
						{ description: 'B', unitPrice: '1000000000', quantity: '100', optional: true }
					]
				},
				'USD'
			)
		).toThrow(expect.objectContaining({ code: 'validation_failed' }));
	});

	it('respects the currency: no cents for JPY', () => {
		expect(
			parseQuoteInput(
				{ title: 'X', currency: 'jpy', items: [{ description: 'A', quantity: 3, unitPrice: '1500' }] },
				'USD'
			).totals.totalMinor
		).toBe(4500);
		expect(() =>
			parseQuoteInput({ title: 'X', currency: 'JPY', items: [{ description: 'A', unitPrice: '15.5' }] }, 'USD')
		).toThrow(expect.objectContaining({ fields: { 'items.0.unitPrice': expect.any(String) } }));
	});

	it('rejects floats that are not exact decimals, a discount above the subtotal, bad dates and currencies', () => {
		expect(() => parseQuoteInput({ title: 'X', items: [{ description: 'A', unitPrice: 0.1 + 0.2 }] }, 'USD')).toThrow(
			expect.objectContaining({ fields: { 'items.0.unitPrice': expect.any(String) } })
		);
		expect(() =>
			parseQuoteInput({ title: 'X', items: [{ description: 'A', unitPrice: '10' }], discount: '11' }, 'USD')
		).toThrow(expect.objectContaining({ fields: { discount: expect.stringContaining('subtotal') } }));
		expect(() =>
			parseQuoteInput({ title: 'X', items: [{ description: 'A', unitPrice: '10' }], expiresOn: '2026-02-30' }, 'USD')
		).toThrow(expect.objectContaining({ fields: { expiresOn: expect.any(String) } }));
		expect(() =>
			parseQuoteInput({ title: 'X', currency: 'XYZW', items: [{ description: 'A', unitPrice: '10' }] }, 'USD')
		).toThrow(expect.objectContaining({ fields: { currency: expect.any(String) } }));
		expect(() => parseQuoteInput({ title: '', items: [] }, 'USD')).toThrow(
			expect.objectContaining({ fields: { title: expect.any(String), items: expect.any(String) } })
		);
	});

	it('parses tax rates into basis points and back', () => {
		expect(parsePercentBp('15')).toBe(1500);
		expect(parsePercentBp('7.5%')).toBe(750);
		expect(parsePercentBp('0.05')).toBe(5);
		expect(parsePercentBp('100.01')).toBeNull();
		expect(parsePercentBp('1.234')).toBeNull();
		expect(bpToInput(750)).toBe('7.5');
		expect(bpToInput(1500)).toBe('15');
		expect(bpToInput(5)).toBe('0.05');
	});
});
