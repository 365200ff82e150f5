import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfDoc, winAnsiSafe } from './document';

/** The PDF's creation date: metadata only, so any fixed instant will do. */
const CREATED_AT = Date.UTC(2026, 10, 23, 12);

// A 1x1 PNG.
const PNG = Uint8Array.from(
	atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
	(c) => c.charCodeAt(0)
);

describe('PdfDoc', () => {
	it('writes a branded, multi-page document that parses back with its metadata', async () => {
		const doc = await PdfDoc.create({
			title: 'Invoice INV-0042',
			createdAt: CREATED_AT,
			brand: { name: 'Demo Studio', color: '#4338ca', logo: { bytes: PNG, type: 'png' } },
			subject: 'Invoice'
		});
		await doc.heading('Invoice INV-0042');
		await doc.keyValues([
			['Bill to', 'Northwind Traders'],
			['Due', '1 Dec 2026']
		]);
		const rows = Array.from({ length: 80 }, (_, i) => [
			`Line ${i + 1} with a long description that wraps across the column`,
			'1',
			'$10.00'
		]);
		await doc.table(
			[
				{ header: 'Description', width: 0.6 },
				{ header: 'Qty', width: 0.15, align: 'right' },
				{ header: 'Amount', width: 0.25, align: 'right' }
			],
			rows
		);
		await doc.image(PNG, 'png');
		const bytes = await doc.save();
		const parsed = await PDFDocument.load(bytes, { updateMetadata: false });
		expect(parsed.getPageCount()).toBeGreaterThan(1);
		expect(parsed.getTitle()).toBe('Invoice INV-0042');
		expect(parsed.getProducer()).toBe('CoPortal');
		// Dated by the caller's clock, never the machine's.
		expect(parsed.getCreationDate()?.getTime()).toBe(CREATED_AT);
		expect(parsed.getModificationDate()?.getTime()).toBe(CREATED_AT);
	});

	it('survives text the standard fonts cannot draw', async () => {
		expect(winAnsiSafe('Zoë “quoted” — 日本 😀')).toBe('Zoë "quoted" — ?? ??');
		const doc = await PdfDoc.create({
			title: '日本 contract',
			createdAt: CREATED_AT,
			brand: { name: 'Ünïcode Ltd', color: 'not-a-colour' }
		});
		await doc.paragraph('Emoji 😀 and CJK 日本語 in the body.');
		await expect(doc.save()).resolves.toBeInstanceOf(Uint8Array);
	});
});
