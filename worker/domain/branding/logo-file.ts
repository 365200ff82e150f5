export const LOGO_MAX_BYTES = 1024 * 1024;

export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

/**
 * What an uploaded file really is, from its first bytes (never from its name or
 * declared type). SVG is refused on purpose: it can carry scripts.
 */
export function sniffLogo(bytes: Uint8Array): LogoType | 'svg' | null {
	const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
	if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
	const head = new TextDecoder()
		.decode(bytes.subarray(0, 512))
		.replace(/^\uFEFF/, '')
		.trimStart()
		.toLowerCase();
	if (head.includes('<svg')) return 'svg';
	return null;
}
