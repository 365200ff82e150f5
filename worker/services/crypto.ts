const encoder = new TextEncoder();

// workerd has timingSafeEqual on SubtleCrypto; the Node types pulled in by the tooling do not know it.
const subtle = crypto.subtle as unknown as SubtleCrypto & {
	timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean;
};
type Bytes = Uint8Array<ArrayBuffer>;

export function bytesToHex(bytes: ArrayBuffer | Uint8Array): string {
	return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function bytesToBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64ToBytes(b64: string): Bytes {
	const normal = b64.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** A random secret (256 bits by default), URL-safe. */
export function randomToken(bytes = 32): string {
	return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(input: string | Uint8Array): Promise<string> {
	const data = typeof input === 'string' ? encoder.encode(input) : input;
	return bytesToHex(await subtle.digest('SHA-256', data as Bytes));
}

export async function hmacHex(
	algorithm: 'SHA-256' | 'SHA-512',
	key: string,
	message: string | Uint8Array
): Promise<string> {
	const cryptoKey = await subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: algorithm }, false, [
		'sign'
	]);
	const data = typeof message === 'string' ? encoder.encode(message) : message;
	return bytesToHex(await subtle.sign('HMAC', cryptoKey, data as Bytes));
}

/** Constant-time comparison of two strings (e.g. hex signatures). */
export function timingSafeEqualText(a: string, b: string): boolean {
	const left = encoder.encode(a);
	const right = encoder.encode(b);
	if (left.byteLength !== right.byteLength) {
		// Still spend the time of a comparison so length is the only thing leaked.
		subtle.timingSafeEqual(left, left);
		return false;
	}
	return subtle.timingSafeEqual(left, right);
}

async function aesKey(secretB64: string): Promise<CryptoKey> {
	return subtle.importKey('raw', base64ToBytes(secretB64), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/**
 * AES-256-GCM; output is base64url(iv || ciphertext). `context` (additional data) binds the
 * ciphertext to what it belongs to (e.g. a user id): copied onto another row, it no longer opens.
 */
export async function encryptSecret(secretB64: string, plaintext: string, context?: string): Promise<string> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const params = { name: 'AES-GCM', iv, ...(context === undefined ? {} : { additionalData: encoder.encode(context) }) };
	const sealed = new Uint8Array(await subtle.encrypt(params, await aesKey(secretB64), encoder.encode(plaintext)));
	const out = new Uint8Array(iv.length + sealed.length);
	out.set(iv);
	out.set(sealed, iv.length);
	return bytesToBase64Url(out);
}

export async function decryptSecret(secretB64: string, sealed: string, context?: string): Promise<string> {
	const bytes = base64ToBytes(sealed);
	const params = {
		name: 'AES-GCM',
		iv: bytes.subarray(0, 12),
		...(context === undefined ? {} : { additionalData: encoder.encode(context) })
	};
	const plain = await subtle.decrypt(params, await aesKey(secretB64), bytes.subarray(12));
	return new TextDecoder().decode(plain);
}
