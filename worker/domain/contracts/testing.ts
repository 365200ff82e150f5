// Test support for contracts (imported by *.test.ts only).
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import type { Scope } from '../scope';
import { createContract } from './create-contract';
import { sendContract } from './send-contract';

export const CONTRACT_BODY = ['## 1. Scope', '', 'We build **the website** described in the quote.', '', '- Design', '- Build', '', 'Questions: [email us](mailto:legal@demo.test).'].join('\n');

/** A contract sent to the client; the client's signature completes it unless `extra` asks for our countersignature. */
export async function sentContract(staff: Scope, clientId: string, extra: Record<string, unknown> = {}) {
	const { id } = await createContract({ ...staff, input: { clientId, title: 'Website agreement', bodyMd: CONTRACT_BODY, requireCountersignature: false, ...extra } });
	const { documentHash } = await sendContract({ ...staff, contractId: id, audit: { ip: '198.51.100.1', userAgent: 'StaffBrowser/1.0' } });
	return { id, documentHash };
}

/** A real PNG (a black stroke on white), made without a canvas: raw scanlines, zlib via CompressionStream. */
export async function pngBytes(width = 60, height = 20): Promise<Uint8Array> {
	const raw = new Uint8Array((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		raw[row] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const ink = Math.abs(y - Math.round((x / width) * (height - 1))) < 2;
			raw.fill(ink ? 0 : 255, row + 1 + x * 3, row + 4 + x * 3);
		}
	}
	const zlib = new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
	const chunk = (type: string, data: Uint8Array) => {
		const out = new Uint8Array(12 + data.length);
		const view = new DataView(out.buffer);
		view.setUint32(0, data.length);
		out.set([...type].map((c) => c.charCodeAt(0)), 4);
		out.set(data, 8);
		view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
		return out;
	};
	const ihdr = new Uint8Array(13);
	new DataView(ihdr.buffer).setUint32(0, width);
	new DataView(ihdr.buffer).setUint32(4, height);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib), chunk('IEND', new Uint8Array())];
	const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		png.set(p, at);
		at += p.length;
	}
	return png;
}

function crc32(bytes: Uint8Array): number {
	let c = ~0;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}

export const dataUrl = (png: Uint8Array) => `data:image/png;base64,${btoa(String.fromCharCode(...png))}`;

/** The text drawn on every page of a PDF (pdf-lib writes it as hex strings in Flate-compressed content streams). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
	const streams: PDFRawStream[] = [];
	const collect = (obj: PDFObject | undefined) => {
		const value = obj instanceof PDFRef ? pdf.context.lookup(obj) : obj;
		if (value instanceof PDFRawStream) streams.push(value);
		else if (value instanceof PDFArray) for (let i = 0; i < value.size(); i++) collect(value.get(i));
	};
	for (const page of pdf.getPages()) collect(page.node.get(PDFName.of('Contents')));
	const text = streams.map((s) => new TextDecoder('latin1').decode(decodePDFRawStream(s).decode())).join('\n');
	return [...text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => m[1].replace(/../g, (h) => String.fromCharCode(parseInt(h, 16)))).join('\n');
}
