/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226), the way authenticator
 * apps compute them: HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch.
 * WebCrypto only, so it runs the same in workerd and in tests.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Codes from one step before or after now are accepted too (clock drift, typing time). */
export const TOTP_DRIFT_STEPS = 1;
/** 160 bits: the length RFC 4226 recommends for HMAC-SHA-1 secrets. */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: what otpauth:// URIs and apps expect. */
export function base32Encode(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
	return out;
}

/** Reads base32 as people copy it: any case, spaces and padding ignored. Null if it is not base32. */
export function base32Decode(text: string): Uint8Array<ArrayBuffer> | null {
	const clean = text.toUpperCase().replace(/[\s=]/g, '');
	const out: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const ch of clean) {
		const value = BASE32.indexOf(ch);
		if (value < 0) return null;
		buffer = (buffer << 5) | value;
		bits += 5;
		if (bits >= 8) {
			out.push((buffer >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return new Uint8Array(out);
}

export function newTotpSecret(): string {
	return base32Encode(crypto.getRandomValues(new Uint8Array(TOTP_SECRET_BYTES)));
}

/** The 30-second step an instant (ms) falls in. */
export function totpStep(nowMs: number): number {
	return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226 HOTP: HMAC-SHA-1 of the 8-byte big-endian counter, dynamically truncated. */
export async function hotp(secret: Uint8Array<ArrayBuffer>, counter: number, digits = TOTP_DIGITS): Promise<string> {
	const message = new Uint8Array(8);
	new DataView(message.buffer).setBigUint64(0, BigInt(counter));
	const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
	const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
	const offset = mac[mac.length - 1] & 0x0f;
	const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
	return String(binary % 10 ** digits).padStart(digits, '0');
}

/** What a person typed, as digits only ("123 456" and "123-456" are fine). */
export function normalizeTotpCode(input: string): string {
	return input.replace(/[\s-]/g, '');
}

/**
 * The step a code is valid for (now, or one step either side), or null. Every
 * candidate is computed and compared, so timing does not tell which one matched.
 * The caller makes it single use by accepting only a step later than the last one used.
 */
export async function matchTotp(secretBase32: string, code: string, nowMs: number): Promise<number | null> {
	const secret = base32Decode(secretBase32);
	const typed = normalizeTotpCode(code);
	if (!secret || !/^\d{6}$/.test(typed)) return null;
	const now = totpStep(nowMs);
	let matched: number | null = null;
	for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
		if (constantTimeEqual(await hotp(secret, step), typed)) matched = step;
	}
	return matched;
}

function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

/** The otpauth:// URI an authenticator app reads from the QR code (Key Uri Format). */
export function otpauthUri(opts: { secret: string; account: string; issuer: string }): string {
	const label = `${encodeURIComponent(opts.issuer)}:${encodeURIComponent(opts.account)}`;
	const params = new URLSearchParams({
		secret: opts.secret,
		issuer: opts.issuer,
		algorithm: 'SHA1',
		digits: String(TOTP_DIGITS),
		period: String(TOTP_PERIOD_SECONDS)
	});
	return `otpauth://totp/${label}?${params.toString()}`;
}

/** The secret in groups of four, for typing it into an app by hand. */
export function groupedSecret(secret: string): string {
	return secret.replace(/(.{4})/g, '$1 ').trim();
}
