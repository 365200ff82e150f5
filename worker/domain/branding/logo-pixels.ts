import type { LogoType } from './logo-file';

/**
 * What an uploaded logo looks like, measured once at upload so the portal,
 * emails and PDFs can place it where it can be read: its size (a wide logo is
 * usually a wordmark that already says the name) and, for a PNG, how light its
 * visible pixels are (a dark logo on a transparent background vanishes on a
 * dark brand colour). A PNG is decoded here (zlib via DecompressionStream, the
 * five row filters) because that is all it takes; JPEG and WebP are only sized.
 * Anything unusual (interlaced, 16-bit, huge) is "unknown", never an error.
 */

export type LogoSize = { width: number; height: number };

/** Larger logos are not measured ("unknown"): decoding them would cost the upload too much CPU. */
const MAX_PIXELS = 1_000_000;

export function logoSize(bytes: Uint8Array, type: LogoType): LogoSize | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	try {
		if (type === 'image/png')
			return bytes.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
		if (type === 'image/jpeg') {
			// Walk the segments to the first start-of-frame marker (SOF0-SOF15 but DHT, JPG, DAC).
			let at = 2;
			while (at + 9 < bytes.length) {
				if (bytes[at] !== 0xff) return null;
				const marker = bytes[at + 1];
				const length = view.getUint16(at + 2);
				if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
					return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
				at += 2 + length;
			}
			return null;
		}
		const chunk = String.fromCharCode(...bytes.subarray(12, 16));
		if (chunk === 'VP8 ' && bytes.length >= 30)
			return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
		if (chunk === 'VP8L' && bytes.length >= 25) {
			const b = view.getUint32(21, true);
			return { width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
		}
		if (chunk === 'VP8X' && bytes.length >= 30) {
			const w = bytes[24] | (bytes[25] << 8) | (bytes[26] << 16);
			const h = bytes[27] | (bytes[28] << 8) | (bytes[29] << 16);
			return { width: w + 1, height: h + 1 };
		}
	} catch {
		return null;
	}
	return null;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** sRGB channel value (0-255) to linear light, computed once per value. */
const LINEAR = Array.from({ length: 256 }, (_, v) => {
	const c = v / 255;
	return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/**
 * The mean relative luminance (0-1000, WCAG) of a PNG's pixels, each weighted
 * by its opacity, so a transparent background does not count. Null when the
 * PNG is not one this reads, or nothing in it is visible.
 */
export async function pngLuminance(bytes: Uint8Array): Promise<number | null> {
	try {
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		let at = 8;
		let header: { width: number; height: number; depth: number; colour: number; interlace: number } | null = null;
		let palette: Uint8Array | null = null;
		let paletteAlpha: Uint8Array | null = null;
		const idat: Uint8Array[] = [];
		while (at + 8 <= bytes.length) {
			const length = view.getUint32(at);
			const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
			const data = bytes.subarray(at + 8, at + 8 + length);
			if (type === 'IHDR')
				header = {
					width: view.getUint32(at + 8),
					height: view.getUint32(at + 12),
					depth: data[8],
					colour: data[9],
					interlace: data[12]
				};
			else if (type === 'PLTE') palette = data;
			else if (type === 'tRNS') paletteAlpha = data;
			else if (type === 'IDAT') idat.push(data);
			else if (type === 'IEND') break;
			at += 12 + length;
		}
		if (!header || header.interlace !== 0 || header.width * header.height > MAX_PIXELS) return null;
		const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[header.colour];
		if (!channels || (header.depth !== 8 && !(header.colour === 3 && [1, 2, 4].includes(header.depth)))) return null;
		if (header.colour === 3 && !palette) return null;
		const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
		idat.reduce((offset, d) => (joined.set(d, offset), offset + d.length), 0);
		const raw = await inflate(joined);

		const { width, height, depth } = header;
		const bitsPerPixel = channels * depth;
		const stride = Math.ceil((width * bitsPerPixel) / 8);
		const bpp = Math.max(1, bitsPerPixel / 8);
		if (raw.length < (stride + 1) * height) return null;
		let previous = new Uint8Array(stride);
		let weighted = 0;
		let weight = 0;
		for (let y = 0; y < height; y++) {
			const filter = raw[y * (stride + 1)];
			const line = raw.slice(y * (stride + 1) + 1, (y + 1) * (stride + 1));
			for (let i = 0; i < stride; i++) {
				const left = i >= bpp ? line[i - bpp] : 0;
				const up = previous[i];
				const upLeft = i >= bpp ? previous[i - bpp] : 0;
				if (filter === 1) line[i] += left;
				else if (filter === 2) line[i] += up;
				else if (filter === 3) line[i] += (left + up) >> 1;
				else if (filter === 4) {
					const p = left + up - upLeft;
					const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
					line[i] += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
				} else if (filter !== 0) return null;
			}
			for (let x = 0; x < width; x++) {
				let r: number, g: number, b: number, a: number;
				if (header.colour === 3) {
					const index =
						depth === 8 ? line[x] : (line[(x * depth) >> 3] >> (8 - depth - ((x * depth) & 7))) & ((1 << depth) - 1);
					[r, g, b] = [palette![index * 3], palette![index * 3 + 1], palette![index * 3 + 2]];
					a = paletteAlpha && index < paletteAlpha.length ? paletteAlpha[index] : 255;
				} else {
					const p = x * channels;
					if (header.colour === 0 || header.colour === 4)
						[r, g, b, a] = [line[p], line[p], line[p], header.colour === 4 ? line[p + 1] : 255];
					else [r, g, b, a] = [line[p], line[p + 1], line[p + 2], header.colour === 6 ? line[p + 3] : 255];
				}
				if (a === 0) continue;
				weighted += (a / 255) * (0.2126 * LINEAR[r] + 0.7152 * LINEAR[g] + 0.0722 * LINEAR[b]);
				weight += a / 255;
			}
			previous = line;
		}
		return weight > 0 ? Math.round((weighted / weight) * 1000) : null;
	} catch {
		return null;
	}
}
