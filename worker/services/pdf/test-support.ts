import { decodePDFRawStream, PDFArray, PDFDocument, PDFFont, PDFName, PDFRawStream } from 'pdf-lib';
import { vi } from 'vitest';

/** The text drawn on every page (pdf-lib writes standard-font text as hex strings shown with Tj). */
export async function pdfText(bytes: Uint8Array): Promise<{ lines: string[]; operators: string; images: number }> {
	const doc = await PDFDocument.load(bytes);
	const lines: string[] = [];
	let operators = '';
	for (const page of doc.getPages()) {
		const contents = page.node.Contents();
		const streams =
			contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
		for (const stream of streams) {
			if (!(stream instanceof PDFRawStream)) continue;
			const text = String.fromCharCode(...decodePDFRawStream(stream).decode());
			operators += text;
			for (const m of text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
				lines.push(m[1].replace(/../g, (h) => String.fromCharCode(parseInt(h, 16))));
		}
	}
	const images = doc.context
		.enumerateIndirectObjects()
		.filter(
			([, obj]) => obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')
		).length;
	return { lines, operators, images };
}

/** Counts what pdf-lib is asked to measure from now on (calls and characters); undo with vi.restoreAllMocks(). */
export function countMeasuring() {
	const counts = { calls: 0, chars: 0 };
	const original = PDFFont.prototype.widthOfTextAtSize;
	vi.spyOn(PDFFont.prototype, 'widthOfTextAtSize').mockImplementation(function (
		this: PDFFont,
		text: string,
		size: number
	) {
		counts.calls++;
		counts.chars += text.length;
		return original.call(this, text, size);
	});
	return counts;
}
