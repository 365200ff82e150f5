import { sha256Hex } from '../../services/crypto';

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i, so codes read back from paper are not ambiguous.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 10;

/** A fresh recovery code, "k7m2p-9xq4t" (about 49 random bits; rate limiting does the rest). */
export function newRecoveryCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2));
	let out = '';
	// Rejection sampling keeps every letter equally likely.
	for (const b of bytes) {
		if (b >= ALPHABET.length * Math.floor(256 / ALPHABET.length)) continue;
		out += ALPHABET[b % ALPHABET.length];
		if (out.length === CODE_LENGTH) break;
	}
	return out.length === CODE_LENGTH ? `${out.slice(0, 5)}-${out.slice(5)}` : newRecoveryCode();
}

/** As typed: case, spaces and hyphens do not matter. */
export function normalizeRecoveryCode(input: string): string {
	return input.toLowerCase().replace(/[\s-]/g, '');
}

/** Only this is stored. The user id is mixed in, so one hash never matches for another person. */
export function recoveryCodeHash(userId: string, code: string): Promise<string> {
	return sha256Hex(`${userId}:${normalizeRecoveryCode(code)}`);
}

export function looksLikeRecoveryCode(input: string): boolean {
	return new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(normalizeRecoveryCode(input));
}
