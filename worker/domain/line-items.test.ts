import { describe, expect, it } from 'vitest';
import { parseInvoiceInput } from './invoices/invoice-input';
import { editorRows, withAnotherLine } from './line-item-rows';
import { parseLineItems } from './line-items';
import { parseQuoteInput } from './quotes/quote-input';
import { inDays } from '../../tests/helpers';

const form = {
	'items.0.description': 'Design',
	'items.0.quantity': '2',
	'items.0.unitPrice': '1,250.00',
	'items.1.description': '',
	'items.1.quantity': '1',
	'items.1.unitPrice': '',
	'items.4.description': 'Build',
	'items.4.quantity': '',
	'items.4.unitPrice': '99.50'
};
const json = {
	items: [
		{ description: 'Design', quantity: 2, unitPrice: '1,250.00' },
		{},
		{ description: 'Build', unitPrice: '99.50' }
	]
};
const invoiceHeader = { clientId: 'cli_x', issueDate: inDays(0), dueDate: inDays(14), currency: 'USD' };

describe('line items: one wire format for quotes and invoices', () => {
	it('reads form fields (items.N.field) and JSON alike, skipping blank rows but keeping each row number', () => {
		const fromForm = parseLineItems(form, { currency: 'USD', document: 'quote' });
		expect(fromForm).toEqual({
			fields: {},
			lines: [
				{ index: 0, description: 'Design', quantityMilli: 2000, unitPriceMinor: 125_000, optional: false },
				{ index: 4, description: 'Build', quantityMilli: 1000, unitPriceMinor: 9950, optional: false }
			]
		});
		const fromJson = parseLineItems(json, { currency: 'USD', document: 'invoice' });
		expect(fromJson.lines.map(({ index: _, ...line }) => line)).toEqual(
			fromForm.lines.map(({ index: _, ...line }) => line)
		);
		// The quote and the invoice get the same lines from the same post.
		const quoteItems = parseQuoteInput({ title: 'T', ...form }, 'USD').items;
		expect(quoteItems.map((i) => i.optional)).toEqual([false, false]);
		expect(quoteItems.map(({ optional: _, ...line }) => line)).toEqual(
			parseInvoiceInput({ ...invoiceHeader, ...form }).lines
		);
	});

	it('gives both documents the same message on the same field, pointing at the row typed in', () => {
		const bad = {
			'items.3.description': '',
			'items.3.quantity': '-1',
			'items.3.unitPrice': '1.234',
			'items.7.description': 'x'.repeat(501)
		};
		const expected = {
			'items.3.description': 'Describe this line.',
			'items.3.quantity': 'Enter a quantity above 0, like 1 or 2.5 (up to 3 decimals).',
			'items.3.unitPrice': 'Enter a price in USD, like 120 or 99.50.',
			'items.7.description': 'Keep the description under 500 characters.'
		};
		expect(parseLineItems(bad, { currency: 'USD', document: 'quote' }).fields).toEqual(expected);
		expect(() => parseQuoteInput({ title: 'T', ...bad }, 'USD')).toThrow(expect.objectContaining({ fields: expected }));
		// The invoice also caps a line's quantity (10,000) and unit price; its message says so.
		expect(() => parseInvoiceInput({ ...invoiceHeader, ...bad })).toThrow(
			expect.objectContaining({
				fields: {
					...expected,
					'items.3.quantity': 'Enter a quantity above 0, like 1 or 2.5 (up to 3 decimals, at most 10,000).'
				}
			})
		);
	});

	it('answers a wrongly typed row with a field error, never an exception', () => {
		expect(
			parseLineItems({ items: [{ description: { a: 1 }, unitPrice: '5' }] }, { currency: 'USD', document: 'quote' })
				.fields
		).toEqual({ 'items.0.description': 'Keep the description under 500 characters.' });
		expect(parseLineItems({ items: 'nope' }, { currency: 'USD', document: 'quote' })).toEqual({
			lines: [],
			fields: {}
		}); // no rows at all
		const many = { items: Array.from({ length: 101 }, () => ({ description: 'x', unitPrice: '1' })) };
		expect(parseLineItems(many, { currency: 'USD', document: 'invoice' }).fields).toEqual({
			items: 'An invoice can have at most 100 lines.'
		});
	});

	it('shows the editor every row sent plus spare rows, and "Add a line" without JavaScript adds exactly one', () => {
		expect(editorRows({}).map((r) => r.index)).toEqual([0, 1, 2]);
		expect(editorRows({ items: [{ description: 'A', quantity: '1', unitPrice: '5' }] }).map((r) => r.index)).toEqual([
			0, 1
		]);
		// The form shows rows 0, 1 and 4 and posts them all with intent=addLine: shown again, one more row (5).
		const posted = { title: 'T', intent: 'addLine', ...form };
		const again = withAnotherLine(posted);
		expect(again.intent).toBeUndefined();
		expect(again.title).toBe('T');
		expect(editorRows(again).map((r) => r.index)).toEqual([0, 1, 4, 5]);
		expect(editorRows(again)[0]).toEqual({
			index: 0,
			description: 'Design',
			quantity: '2',
			unitPrice: '1,250.00',
			optional: false
		});
		// An empty form shows three rows; adding a line posts those three and gets four.
		const blank = Object.fromEntries(
			editorRows({}).flatMap((r) => [
				[`items.${r.index}.description`, ''],
				[`items.${r.index}.quantity`, '1'],
				[`items.${r.index}.unitPrice`, '']
			])
		);
		expect(editorRows(withAnotherLine({ ...blank, intent: 'addLine' }))).toHaveLength(4);
	});

	it("carries a quote's optional lines in the same format (a ticked items.N.optional, or optional: true), and an invoice refuses them on that field", () => {
		const ticked = { ...form, 'items.4.optional': ['off', 'on'] };
		expect(
			parseLineItems(ticked, { currency: 'USD', document: 'quote' }).lines.map((l) => [l.index, l.optional])
		).toEqual([
			[0, false],
			[4, true]
		]);
		const fromJson = {
			items: [
				{ description: 'Design', unitPrice: '10' },
				{ description: 'Extra', unitPrice: '5', optional: true }
			]
		};
		expect(parseQuoteInput({ title: 'T', ...fromJson }, 'USD').items.map((i) => i.optional)).toEqual([false, true]);
		const refused = parseLineItems(ticked, { currency: 'USD', document: 'invoice' });
		expect(refused.fields).toEqual({
			'items.4.optional': 'An invoice has no optional lines: remove the line or make it required.'
		});
		expect(() => parseInvoiceInput({ ...invoiceHeader, ...ticked })).toThrow(
			expect.objectContaining({ fields: expect.objectContaining({ 'items.4.optional': expect.any(String) }) })
		);
		// The editor shows the tick again after "Add a line" (or a failed save), so it is not lost.
		expect(editorRows(withAnotherLine({ ...ticked, intent: 'addLine' })).map((r) => r.optional)).toEqual([
			false,
			false,
			true,
			false
		]);
	});
});
