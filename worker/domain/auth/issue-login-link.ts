import type { Services } from '../../services';
import { randomToken, sha256Hex } from '../../services/crypto';
import { DEFAULT_SHARD, isKnownShard } from '../../services/shards';
import type { LoginTokenPayload } from '../../services/tokens';

export const LOGIN_LINK_TTL_MS = 60 * 60 * 1000;

type PayloadInput = LoginTokenPayload extends infer P
	? P extends unknown
		? Omit<P, 'expiresAt' | 'shard'>
		: never
	: never;

/**
 * Creates a magic-link token: 256 random bits, only its SHA-256 stored (in KV,
 * with a 1 hour TTL). Returns the token, which goes into the emailed URL only.
 * A staff link records the shard of `services` (the person's account's, services/shards.ts):
 * the dashboard opens every staff link on the default shard and uses it there (linkServices).
 */
export async function issueLoginToken(
	services: Services,
	payload: PayloadInput,
	ttlMs = LOGIN_LINK_TTL_MS
): Promise<string> {
	const token = randomToken(32);
	const expiresAt = services.clock.now() + ttlMs;
	const shard = payload.kind === 'staff' && services.shard !== DEFAULT_SHARD ? { shard: services.shard } : {};
	await services.tokens.putLoginToken(
		await sha256Hex(token),
		{ ...payload, ...shard, expiresAt } as LoginTokenPayload,
		Math.ceil(Math.max(ttlMs, 0) / 1000)
	);
	return token;
}

export function verifyPath(token: string): string {
	return `/auth/verify?token=${encodeURIComponent(token)}`;
}

/**
 * The services a link is used with: a staff link's on the shard it records, a client link's
 * as they are (the portal's host already chose its shard). A shard this Worker does not list
 * in its directory is refused as an invalid link, never tried.
 */
export function linkServices(services: Services, payload: LoginTokenPayload): Services | null {
	if (payload.kind !== 'staff') return services;
	const shard = payload.shard ?? DEFAULT_SHARD;
	if (!isKnownShard(services.config.shardDirectory, shard)) return null;
	return services.onShard(shard);
}
