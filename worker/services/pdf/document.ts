import { PDFDocument, PDFFont, PDFPage, rgb, StandardFonts, type RGB } from 'pdf-lib';
import { TextMeasure, wrapText } from './wrap';

/**
 * A small branded document writer on pdf-lib, shared by quotes, contracts and
 * invoices: a header band in the brand colour (logo or name), flowing text with
 * wrapping and page breaks, key/value blocks, tables, images, and page numbers.
 * Standard fonts only speak WinAnsi, so text is made safe with `winAnsiSafe`.
 */
/** `headerOnLight`: the logo sits on a white band with a brand-coloured rule (a dark logo); `showName: false`: the logo is a wordmark. */
export type PdfBrand = {
	name: string;
	color: string;
	accent?: string;
	logo?: { bytes: Uint8Array; type: 'png' | 'jpg' } | null;
	headerOnLight?: boolean;
	showName?: boolean;
};
export type Column = { header: string; width: number; align?: 'left' | 'right' };

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const TEXT = rgb(0.07, 0.09, 0.15);
const MUTED = rgb(0.29, 0.33, 0.39);
const RULE = rgb(0.82, 0.84, 0.86);

export function hexToRgb(hex: string): RGB {
	const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
	const n = m ? parseInt(m[1], 16) : 0x4338ca;
	return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** White or near-black, whichever contrasts more with the brand colour (WCAG ratio). */
function onColor(hex: string): RGB {
	const c = hexToRgb(hex);
	const lum = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
	const l = 0.2126 * lum(c.red) + 0.7152 * lum(c.green) + 0.0722 * lum(c.blue);
	const withWhite = 1.05 / (l + 0.05);
	const withDark = (l + 0.05) / 0.0565;
	return withWhite >= withDark ? rgb(1, 1, 1) : TEXT;
}

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Replaces characters the standard PDF fonts cannot draw (keeps Latin-1 and common punctuation). */
export function winAnsiSafe(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/\t/g, '    ')
		.replace(/[\u2018\u2019]/g, "'")
		.replace(/[\u201C\u201D]/g, '"')
		.replace(/[\u2010-\u2012]/g, '-')
		.split('')
		.map((ch) => {
			const code = ch.charCodeAt(0);
			if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch))
				return ch;
			return '?';
		})
		.join('');
}

export class PdfDoc {
	private page!: PDFPage;
	private y = 0;
	private script?: PDFFont;
	private readonly measures = new Map<PDFFont, TextMeasure>();
	private constructor(
		readonly pdf: PDFDocument,
		private readonly font: PDFFont,
		private readonly bold: PDFFont,
		private readonly brand: PdfBrand,
		private readonly title: string
	) {}

	static async create(opts: {
		title: string;
		brand: PdfBrand;
		createdAt: number;
		author?: string;
		subject?: string;
		keywords?: string[];
	}): Promise<PdfDoc> {
		// updateMetadata: false keeps our producer; the dates are set explicitly instead.
		const pdf = await PDFDocument.create({ updateMetadata: false });
		const now = new Date(opts.createdAt);
		pdf.setCreationDate(now);
		pdf.setModificationDate(now);
		pdf.setTitle(winAnsiSafe(opts.title));
		pdf.setAuthor(winAnsiSafe(opts.author ?? opts.brand.name));
		if (opts.subject) pdf.setSubject(winAnsiSafe(opts.subject));
		if (opts.keywords?.length) pdf.setKeywords(opts.keywords.map(winAnsiSafe));
		pdf.setProducer('CoPortal');
		pdf.setCreator('CoPortal');
		const doc = new PdfDoc(
			pdf,
			await pdf.embedFont(StandardFonts.Helvetica),
			await pdf.embedFont(StandardFonts.HelveticaBold),
			opts.brand,
			opts.title
		);
		await doc.addPage(true);
		return doc;
	}

	get width(): number {
		return A4[0] - MARGIN * 2;
	}

	private async addPage(first = false): Promise<void> {
		this.page = this.pdf.addPage(A4);
		const [w, h] = A4;
		const band = first ? 70 : 28;
		const light = Boolean(this.brand.logo && this.brand.headerOnLight);
		if (light) this.page.drawRectangle({ x: 0, y: h - band, width: w, height: 4, color: hexToRgb(this.brand.color) });
		else this.page.drawRectangle({ x: 0, y: h - band, width: w, height: band, color: hexToRgb(this.brand.color) });
		const fg = light ? TEXT : onColor(this.brand.color);
		if (first && this.brand.logo) {
			try {
				const img =
					this.brand.logo.type === 'png'
						? await this.pdf.embedPng(this.brand.logo.bytes)
						: await this.pdf.embedJpg(this.brand.logo.bytes);
				const scale = Math.min(200 / img.width, 44 / img.height, 1);
				const drawn = { width: img.width * scale, height: img.height * scale };
				this.page.drawImage(img, { x: MARGIN, y: h - band / 2 - drawn.height / 2, ...drawn });
				if (this.brand.showName !== false)
					this.page.drawText(winAnsiSafe(this.brand.name), {
						x: MARGIN + drawn.width + 12,
						y: h - band / 2 - 6,
						size: 16,
						font: this.bold,
						color: fg
					});
			} catch {
				this.page.drawText(winAnsiSafe(this.brand.name), {
					x: MARGIN,
					y: h - 42,
					size: 18,
					font: this.bold,
					color: fg
				});
			}
		} else {
			this.page.drawText(winAnsiSafe(this.brand.name), {
				x: MARGIN,
				y: first ? h - 42 : h - 19,
				size: first ? 18 : 10,
				font: this.bold,
				color: fg
			});
		}
		this.y = h - band - 30;
	}

	private async ensure(space: number): Promise<void> {
		if (this.y - space < MARGIN + 20) await this.addPage();
	}

	private measure(font: PDFFont): TextMeasure {
		let m = this.measures.get(font);
		if (!m) this.measures.set(font, (m = new TextMeasure(font)));
		return m;
	}

	private wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
		return wrapText(winAnsiSafe(text), this.measure(font), size, maxWidth);
	}

	async heading(text: string, size = 16): Promise<void> {
		await this.ensure(size + 12);
		for (const line of this.wrap(text, this.bold, size, this.width)) {
			await this.ensure(size + 4);
			this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font: this.bold, color: TEXT });
			this.y -= size + 4;
		}
		this.y -= 6;
	}

	async paragraph(
		text: string,
		opts: { size?: number; bold?: boolean; muted?: boolean; indent?: number } = {}
	): Promise<void> {
		const size = opts.size ?? 10.5;
		const font = opts.bold ? this.bold : this.font;
		const indent = opts.indent ?? 0;
		for (const line of this.wrap(text, font, size, this.width - indent)) {
			await this.ensure(size + 4);
			this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color: opts.muted ? MUTED : TEXT });
			this.y -= size + 4;
		}
		this.y -= 4;
	}

	/** Label/value pairs in two columns (e.g. invoice number, dates, bill-to). */
	async keyValues(rows: [string, string][], labelWidth = 120): Promise<void> {
		for (const [label, value] of rows) {
			const lines = this.wrap(value, this.font, 10, this.width - labelWidth);
			await this.ensure(lines.length * 14);
			this.page.drawText(winAnsiSafe(label), { x: MARGIN, y: this.y - 10, size: 10, font: this.bold, color: MUTED });
			for (const line of lines) {
				this.page.drawText(line, { x: MARGIN + labelWidth, y: this.y - 10, size: 10, font: this.font, color: TEXT });
				this.y -= 14;
			}
		}
		this.y -= 6;
	}

	/** A table; widths are fractions of the text width and should sum to 1. Repeats the header on new pages. */
	async table(columns: Column[], rows: string[][], opts: { boldLastRows?: number } = {}): Promise<void> {
		const size = 9.5;
		const widths = columns.map((c) => c.width * this.width);
		const drawRow = (cells: string[], font: PDFFont, heightLines: string[][]) => {
			let x = MARGIN;
			cells.forEach((_, i) => {
				heightLines[i].forEach((line, li) => {
					const w = this.measure(font).widthAtSize(line, size);
					const tx = columns[i].align === 'right' ? x + widths[i] - 4 - w : x + 4;
					this.page.drawText(line, { x: tx, y: this.y - 12 - li * 12, size, font, color: TEXT });
				});
				x += widths[i];
			});
		};
		const header = async () => {
			await this.ensure(22);
			this.page.drawRectangle({
				x: MARGIN,
				y: this.y - 18,
				width: this.width,
				height: 18,
				color: rgb(0.95, 0.96, 0.97)
			});
			drawRow(
				columns.map((c) => c.header),
				this.bold,
				columns.map((c, i) => this.wrap(c.header, this.bold, size, widths[i] - 8).slice(0, 1))
			);
			this.y -= 20;
		};
		await header();
		for (const [r, cells] of rows.entries()) {
			const font = opts.boldLastRows && r >= rows.length - opts.boldLastRows ? this.bold : this.font;
			const wrapped = cells.map((cell, i) => this.wrap(cell, font, size, widths[i] - 8));
			const lines = Math.max(1, ...wrapped.map((w) => w.length));
			if (this.y - (lines * 12 + 8) < MARGIN + 20) {
				await this.addPage();
				await header();
			}
			drawRow(cells, font, wrapped);
			this.y -= lines * 12 + 6;
			this.page.drawLine({
				start: { x: MARGIN, y: this.y + 2 },
				end: { x: MARGIN + this.width, y: this.y + 2 },
				thickness: 0.5,
				color: RULE
			});
		}
		this.y -= 8;
	}

	/** Right-aligned label/amount rows under a table (subtotal, tax, total...); `bold` rows stand out. */
	async totals(rows: { label: string; value: string; bold?: boolean }[], width = 0.5): Promise<void> {
		const size = 10;
		const boxWidth = this.width * width;
		const left = MARGIN + this.width - boxWidth;
		for (const row of rows) {
			await this.ensure(size + 8);
			const font = row.bold ? this.bold : this.font;
			const value = winAnsiSafe(row.value);
			this.page.drawText(winAnsiSafe(row.label), {
				x: left + 4,
				y: this.y - size,
				size,
				font,
				color: row.bold ? TEXT : MUTED
			});
			this.page.drawText(value, {
				x: left + boxWidth - 4 - this.measure(font).widthAtSize(value, size),
				y: this.y - size,
				size,
				font,
				color: TEXT
			});
			this.y -= size + 6;
			if (row.bold)
				this.page.drawLine({
					start: { x: left, y: this.y + 2 },
					end: { x: left + boxWidth, y: this.y + 2 },
					thickness: 0.5,
					color: RULE
				});
		}
		this.y -= 8;
	}

	/** A short status word (PAID, VOID, OVERDUE) in a box, in the brand's accent colour unless one is given. */
	async stamp(text: string, color?: string): Promise<void> {
		const size = 14;
		const label = winAnsiSafe(text.toUpperCase());
		const w = this.measure(this.bold).widthAtSize(label, size) + 16;
		const c = hexToRgb(color ?? this.brand.accent ?? this.brand.color);
		await this.ensure(size + 16);
		this.page.drawRectangle({
			x: MARGIN,
			y: this.y - size - 10,
			width: w,
			height: size + 10,
			borderColor: c,
			borderWidth: 2
		});
		this.page.drawText(label, { x: MARGIN + 8, y: this.y - size - 4, size, font: this.bold, color: c });
		this.y -= size + 20;
	}

	async image(bytes: Uint8Array, type: 'png' | 'jpg', maxWidth = 220, maxHeight = 90): Promise<void> {
		const img = type === 'png' ? await this.pdf.embedPng(bytes) : await this.pdf.embedJpg(bytes);
		const scale = Math.min(maxWidth / img.width, maxHeight / img.height, 1);
		await this.ensure(img.height * scale + 8);
		this.page.drawImage(img, {
			x: MARGIN,
			y: this.y - img.height * scale,
			width: img.width * scale,
			height: img.height * scale
		});
		this.y -= img.height * scale + 8;
	}

	/** A typed signature: the name in a script-like italic above a rule, with a caption under it. */
	async signature(name: string, caption: string): Promise<void> {
		this.script ??= await this.pdf.embedFont(StandardFonts.TimesRomanItalic);
		const size = 24;
		await this.ensure(size + 34);
		this.page.drawText(winAnsiSafe(name), { x: MARGIN + 4, y: this.y - size, size, font: this.script, color: TEXT });
		this.y -= size + 8;
		this.page.drawLine({
			start: { x: MARGIN, y: this.y },
			end: { x: MARGIN + 260, y: this.y },
			thickness: 0.75,
			color: MUTED
		});
		this.y -= 4;
		await this.paragraph(caption, { size: 9, muted: true });
	}

	async rule(): Promise<void> {
		await this.ensure(12);
		this.page.drawLine({
			start: { x: MARGIN, y: this.y - 4 },
			end: { x: MARGIN + this.width, y: this.y - 4 },
			thickness: 0.75,
			color: RULE
		});
		this.y -= 12;
	}

	async spacer(height = 10): Promise<void> {
		this.y -= height;
		await this.ensure(0);
	}

	async newPage(): Promise<void> {
		await this.addPage();
	}

	/** Adds "Title · Page n of m" footers and returns the PDF bytes. */
	async save(): Promise<Uint8Array> {
		const pages = this.pdf.getPages();
		pages.forEach((page, i) => {
			const text = winAnsiSafe(`${this.title}  ·  Page ${i + 1} of ${pages.length}`);
			page.drawText(text, { x: MARGIN, y: 24, size: 8, font: this.font, color: MUTED });
		});
		return this.pdf.save();
	}
}
