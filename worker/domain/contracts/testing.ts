// Test support for contracts (imported by *.test.ts only).
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import { encodePng } from '../../../tests/png';
import type { Scope } from '../scope';
import { createContract } from './create-contract';
import { sendContract } from './send-contract';
import { signContract } from './sign-contract';

export const CONTRACT_BODY = [
	'## 1. Scope',
	'',
	'We build **the website** described in the quote.',
	'',
	'- Design',
	'- Build',
	'',
	'Questions: [email us](mailto:legal@demo.test).'
].join('\n');

/** A contract sent to the client; the client's signature completes it unless `extra` asks for our countersignature. */
export async function sentContract(staff: Scope, clientId: string, extra: Record<string, unknown> = {}) {
	const { id } = await createContract({
		...staff,
		input: { clientId, title: 'Website agreement', bodyMd: CONTRACT_BODY, requireCountersignature: false, ...extra }
	});
	const { documentHash } = await sendContract({
		...staff,
		contractId: id,
		audit: { ip: '198.51.100.1', userAgent: 'StaffBrowser/1.0' }
	});
	return { id, documentHash };
}

/** The client signs the same sent text six times at once (typed names); the settled results, in order. */
export function racingSignatures(client: Scope, contractId: string, documentHash: string) {
	return Promise.allSettled(
		Array.from({ length: 6 }, (_, i) =>
			signContract({
				...client,
				contractId,
				input: { method: 'typed', typedName: `Casey ${i}`, consent: true, documentHash }
			})
		)
	);
}

/** A real PNG: a black diagonal stroke on white (RGB), like a drawn signature. */
export function pngBytes(width = 60, height = 20): Promise<Uint8Array> {
	return encodePng(width, height, 3, (x, y) =>
		Math.abs(y - Math.round((x / width) * (height - 1))) < 2 ? [0, 0, 0] : [255, 255, 255]
	);
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
	return [...text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)]
		.map((m) => m[1].replace(/../g, (h) => String.fromCharCode(parseInt(h, 16))))
		.join('\n');
}
