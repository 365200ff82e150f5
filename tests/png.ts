// Test support: real PNG files made without a canvas (raw scanlines, zlib via CompressionStream).

/** A PNG of `width` x `height` whose pixel at (x, y) is `pixel(x, y)`: 3 numbers (RGB) or 4 (RGBA), 8 bits each. */
export async function encodePng(
	width: number,
	height: number,
	channels: 3 | 4,
	pixel: (x: number, y: number) => number[]
): Promise<Uint8Array> {
	const stride = width * channels + 1;
	const raw = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		raw[y * stride] = 0; // filter: none
		for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * stride + 1 + x * channels);
	}
	const zlib = new Uint8Array(
		await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer()
	);
	const ihdr = new Uint8Array(13);
	new DataView(ihdr.buffer).setUint32(0, width);
	new DataView(ihdr.buffer).setUint32(4, height);
	ihdr.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8); // 8-bit RGBA or RGB
	const parts = [
		Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib),
		chunk('IEND', new Uint8Array())
	];
	const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	parts.reduce((at, p) => (png.set(p, at), at + p.length), 0);
	return png;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(
		[...type].map((c) => c.charCodeAt(0)),
		4
	);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
	return out;
}

function crc32(bytes: Uint8Array): number {
	let c = ~0;
	for (const b of bytes) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}
