import type { Services } from '../../services';
import { randomToken, sha256Hex } from '../../services/crypto';
import type { LoginTokenPayload } from '../../services/tokens';

export const LOGIN_LINK_TTL_MS = 60 * 60 * 1000;

type PayloadInput = LoginTokenPayload extends infer P ? (P extends unknown ? Omit<P, 'expiresAt'> : never) : never;

/**
 * Creates a magic-link token: 256 random bits, only its SHA-256 stored (in KV,
 * with a 1 hour TTL). Returns the token, which goes into the emailed URL only.
 */
export async function issueLoginToken(
	services: Services,
	payload: PayloadInput,
	ttlMs = LOGIN_LINK_TTL_MS
): Promise<string> {
	const token = randomToken(32);
	const expiresAt = services.clock.now() + ttlMs;
	await services.tokens.putLoginToken(
		await sha256Hex(token),
		{ ...payload, expiresAt } as LoginTokenPayload,
		Math.ceil(Math.max(ttlMs, 0) / 1000)
	);
	return token;
}

export function verifyPath(token: string): string {
	return `/auth/verify?token=${encodeURIComponent(token)}`;
}
