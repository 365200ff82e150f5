import { random } from '../../../tests/random';
import { PDFDocument, PDFFont, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfDoc, winAnsiSafe } from './document';
import { countMeasuring } from './test-support';
import { TextMeasure, wrapText } from './wrap';

/** The PDF's creation date: metadata only, so any fixed instant will do. */
const CREATED_AT = Date.UTC(2026, 10, 23, 12);

/** The wrapping PdfDoc used before it was made linear (measures whole strings, re-measures a long word per character): the reference for the output. */
function referenceWrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/ +/)) {
			const candidate = line ? `${line} ${word}` : word;
			if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
				line = candidate;
				continue;
			}
			if (line) lines.push(line);
			let rest = word;
			while (font.widthOfTextAtSize(rest, size) > maxWidth && rest.length > 1) {
				let cut = rest.length - 1;
				while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
				lines.push(rest.slice(0, cut));
				rest = rest.slice(cut);
			}
			line = rest;
		}
		lines.push(line);
	}
	return lines;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('wrapText', () => {
	it('breaks lines exactly as the old whole-string measuring did, kerning included', async () => {
		const pdf = await PDFDocument.create();
		const fonts = [await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold)];
		const next = random(12);
		// Kerning pairs (AV, To, LT, y., r,), punctuation, Latin-1 and runs of spaces.
		const alphabet = 'AVToLTWy.r,aeiounst lmWWWéü€—"\'()-';
		const samples = [
			'',
			' ',
			'  leading and trailing  ',
			'AVAVAV To LT y. r, WAVE',
			'\n\nblank\n\nlines\n',
			'W'.repeat(400),
			`${'x'.repeat(90)} ${'AV'.repeat(150)} end`
		];
		for (let n = 0; n < 120; n++) {
			let text = '';
			const length = Math.floor(next() * 600);
			for (let i = 0; i < length; i++) text += next() < 0.01 ? '\n' : alphabet[Math.floor(next() * alphabet.length)];
			samples.push(text);
		}
		for (const [i, text] of samples.entries()) {
			const font = fonts[i % 2];
			const size = [9, 9.5, 10.5, 14][i % 4];
			const maxWidth = [40, 120.5, 495.28, 3][i % 4];
			const safe = winAnsiSafe(text);
			expect(wrapText(safe, new TextMeasure(font), size, maxWidth), JSON.stringify(text)).toEqual(
				referenceWrap(safe, font, size, maxWidth)
			);
		}
	});

	it('measures an unbroken word in linear work (it was cubic: 5,000 W took 28 s)', async () => {
		const counts = countMeasuring();
		const doc = await PdfDoc.create({
			title: 'Notes',
			createdAt: CREATED_AT,
			brand: { name: 'Demo Studio', color: '#4338ca' }
		});
		const word = 'W'.repeat(3000);
		await doc.paragraph(word);
		await doc.table(
			[
				{ header: 'Notes', width: 0.4 },
				{ header: 'Amount', width: 0.6, align: 'right' }
			],
			[[word, word]]
		);
		await doc.save();
		// Measuring is per glyph and per pair, cached: a handful of characters, not millions.
		expect(counts.chars).toBeLessThan(3 * word.length);
		expect(counts.calls).toBeLessThan(100);
	});
});
