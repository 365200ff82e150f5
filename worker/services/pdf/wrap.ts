import type { PDFFont } from 'pdf-lib';

/**
 * Text widths in font units (thousandths of the font size), measured once per
 * glyph and once per adjacent pair and then added up. pdf-lib's
 * `widthOfTextAtSize` on a standard font is exactly that sum (glyph widths plus
 * pair kerning, all integers in the AFM metrics) times size / 1000, so a width
 * built here equals what pdf-lib would say for the whole string, at a cost that
 * does not grow with the string measured before it.
 */
export class TextMeasure {
	private readonly glyphs = new Map<number, number>();
	private readonly pairs = new Map<number, number>();

	constructor(private readonly font: PDFFont) {}

	glyph(code: number): number {
		let w = this.glyphs.get(code);
		if (w === undefined) {
			w = this.font.widthOfTextAtSize(String.fromCharCode(code), 1000);
			this.glyphs.set(code, w);
		}
		return w;
	}

	/** The kerning between two neighbours (usually 0). */
	kern(left: number, right: number): number {
		const key = left * 0x10000 + right;
		let k = this.pairs.get(key);
		if (k === undefined) {
			k = this.font.widthOfTextAtSize(String.fromCharCode(left, right), 1000) - this.glyph(left) - this.glyph(right);
			this.pairs.set(key, k);
		}
		return k;
	}

	/** Width of text[from, to) in font units. */
	units(text: string, from = 0, to = text.length): number {
		let total = 0;
		for (let i = from; i < to; i++) {
			const code = text.charCodeAt(i);
			total += this.glyph(code);
			if (i + 1 < to) total += this.kern(code, text.charCodeAt(i + 1));
		}
		return total;
	}

	widthAtSize(text: string, size: number): number {
		return this.units(text) * (size / 1000);
	}
}

/**
 * Breaks text (already WinAnsi-safe) into lines no wider than maxWidth: at
 * spaces, and a word longer than a line is cut where it stops fitting. Each
 * character is measured a bounded number of times, so the cost is linear in the
 * text (re-measuring a growing prefix per character made a long unbroken word
 * cost the cube of its length).
 */
export function wrapText(text: string, measure: TextMeasure, size: number, maxWidth: number): string[] {
	const scale = size / 1000;
	const fits = (units: number) => units * scale <= maxWidth;
	const SPACE = 32;
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		let lineUnits = 0;
		for (const word of paragraph.split(/ +/)) {
			const wordUnits = measure.units(word);
			let candidateUnits = wordUnits;
			if (line) {
				candidateUnits = lineUnits + measure.kern(line.charCodeAt(line.length - 1), SPACE) + measure.glyph(SPACE);
				if (word) candidateUnits += measure.kern(SPACE, word.charCodeAt(0)) + wordUnits;
			}
			if (fits(candidateUnits)) {
				line = line ? `${line} ${word}` : word;
				lineUnits = candidateUnits;
				continue;
			}
			if (line) lines.push(line);
			// A single word longer than the line is cut: each piece is the longest
			// prefix that fits (at least one character), leaving at least one for the rest.
			let start = 0;
			let restUnits = wordUnits;
			while (!fits(restUnits) && word.length - start > 1) {
				let end = start + 1;
				let pieceUnits = measure.glyph(word.charCodeAt(start));
				while (end < word.length - 1) {
					const next =
						pieceUnits +
						measure.kern(word.charCodeAt(end - 1), word.charCodeAt(end)) +
						measure.glyph(word.charCodeAt(end));
					if (!fits(next)) break;
					pieceUnits = next;
					end++;
				}
				lines.push(word.slice(start, end));
				restUnits -= pieceUnits + measure.kern(word.charCodeAt(end - 1), word.charCodeAt(end));
				start = end;
			}
			line = start ? word.slice(start) : word;
			lineUnits = restUnits;
		}
		lines.push(line);
	}
	return lines;
}
