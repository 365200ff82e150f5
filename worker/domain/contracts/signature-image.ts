import { PDFDocument } from 'pdf-lib';
import { base64ToBytes } from '../../services/crypto';
import { AppError } from '../errors';

/** A drawn signature is a small PNG; anything larger is not a signature pad's output. */
export const MAX_SIGNATURE_BYTES = 200 * 1024;
const MAX_SIDE = 3000;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PREFIX = 'data:image/png;base64,';

const invalid = (message: string) =>
	new AppError('validation_failed', message, { fields: { signatureImage: message } });

/**
 * Checks a drawn signature sent as a PNG data URL before anything is stored:
 * the data URL shape and base64, the size limit, the PNG signature and IHDR
 * dimensions, and that it really decodes (the same decoder that later draws
 * it into the signed PDF), so a bad image can never break the signed copy.
 */
export async function parseSignatureImage(dataUrl: unknown): Promise<Uint8Array> {
	if (typeof dataUrl !== 'string' || !dataUrl.startsWith(PREFIX)) throw invalid('Draw your signature in the box.');
	const b64 = dataUrl.slice(PREFIX.length);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
		throw invalid('The drawn signature could not be read. Clear it and draw it again.');
	if (Math.floor((b64.length * 3) / 4) > MAX_SIGNATURE_BYTES)
		throw new AppError('payload_too_large', 'The drawn signature is too large. Clear it and draw it again.', {
			fields: { signatureImage: 'The drawn signature is too large.' }
		});
	const bytes = base64ToBytes(b64);
	if (bytes.length < 33 || !PNG_MAGIC.every((b, i) => bytes[i] === b))
		throw invalid('The drawn signature is not a PNG image.');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const chunk = String.fromCharCode(...bytes.subarray(12, 16));
	const width = view.getUint32(16);
	const height = view.getUint32(20);
	if (chunk !== 'IHDR' || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE)
		throw invalid('The drawn signature has an unexpected size.');
	try {
		const probe = await PDFDocument.create();
		await probe.embedPng(bytes);
	} catch {
		throw invalid('The drawn signature could not be read. Clear it and draw it again.');
	}
	return bytes;
}
