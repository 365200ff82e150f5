import { PdfDoc } from '../../services/pdf/document';

/** Small real files for the demo data, made in code (no binary fixtures in the repo). */

// Seeding runs before every workerd test: make each sample once per isolate.
const made = new Map<string, Promise<Uint8Array>>();
const once = (key: string, make: () => Promise<Uint8Array>) => made.get(key) ?? made.set(key, make()).get(key)!;

export function samplePdf(title: string, lines: string[]): Promise<Uint8Array> {
	return once(`pdf:${title}:${lines.join('\n')}`, async () => {
		// Made once per isolate and shared by every seeding, so the creation date is a fixed one.
		const doc = await PdfDoc.create({
			title,
			createdAt: Date.UTC(2026, 0, 1),
			brand: { name: 'Demo Studio', color: '#4338ca' }
		});
		await doc.heading(title);
		for (const line of lines) await doc.paragraph(line);
		return doc.save();
	});
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

async function zlib(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
	const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	const typeAndData = out.subarray(4, 8 + data.length);
	typeAndData.set(new TextEncoder().encode(type));
	typeAndData.set(data, 4);
	view.setUint32(8 + data.length, crc32(typeAndData));
	return out;
}

/** A PNG (RGB, 8 bits) of a diagonal gradient between two colours, like a mock-up thumbnail. */
export function samplePng(
	width: number,
	height: number,
	from: [number, number, number],
	to: [number, number, number]
): Promise<Uint8Array> {
	return once(`png:${width}x${height}:${from}:${to}`, () => encodePng(width, height, from, to));
}

async function encodePng(
	width: number,
	height: number,
	from: [number, number, number],
	to: [number, number, number]
): Promise<Uint8Array> {
	const raw = new Uint8Array(height * (1 + width * 3));
	for (let y = 0; y < height; y++) {
		const row = y * (1 + width * 3);
		raw[row] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const t = (x + y) / (width + height - 2);
			for (let i = 0; i < 3; i++) raw[row + 1 + x * 3 + i] = Math.round(from[i] + (to[i] - from[i]) * t);
		}
	}
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter, no interlace
	const parts = [
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', await zlib(raw)),
		chunk('IEND', new Uint8Array())
	];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

export const sampleText = (text: string) => new TextEncoder().encode(text);
