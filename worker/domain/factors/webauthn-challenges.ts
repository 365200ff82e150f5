import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { webauthnChallenges, type WebAuthnPurpose } from '../../../db/schema';
import type { Services } from '../../services';
import { base64ToBytes, sha256Hex } from '../../services/crypto';

/** A ceremony has this long between the options and the answer. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

type Binding = { purpose: WebAuthnPurpose; userId: string | null; sessionId: string | null };

/**
 * Stores a challenge for one ceremony: by its SHA-256, bound to the purpose and to
 * the session (and person) it was issued to. Expired challenges are swept a few at
 * a time in the same batch, so the table stays small without a cron.
 */
export async function storeChallenge(services: Services, challenge: string, binding: Binding): Promise<void> {
	const db = services.db;
	const now = services.clock.now();
	await db.batch([
		db
			.delete(webauthnChallenges)
			.where(sql`${webauthnChallenges.id} in (select id from webauthn_challenges where expires_at <= ${now} limit 50)`),
		db
			.insert(webauthnChallenges)
			.values({ id: await sha256Hex(challenge), ...binding, createdAt: now, expiresAt: now + CHALLENGE_TTL_MS })
	]);
}

/** The challenge the browser signed, read from the response's clientDataJSON; null if unreadable. */
export function challengeOf(clientDataJSON: string): string | null {
	try {
		const data = JSON.parse(new TextDecoder().decode(base64ToBytes(clientDataJSON))) as { challenge?: unknown };
		return typeof data.challenge === 'string' && data.challenge.length <= 256 ? data.challenge : null;
	} catch {
		return null;
	}
}

/**
 * Uses up the challenge a response answers, atomically (DELETE ... RETURNING): of two
 * requests carrying the same response, one gets it and the other gets null. Only a
 * live challenge issued for this purpose and this session (or person) counts. The
 * caller then verifies the response against exactly this challenge.
 */
export async function takeChallenge(
	services: Services,
	clientDataJSON: string,
	binding: Binding
): Promise<string | null> {
	const challenge = challengeOf(clientDataJSON);
	if (!challenge) return null;
	const now = services.clock.now();
	const taken = await services.db
		.delete(webauthnChallenges)
		.where(
			and(
				eq(webauthnChallenges.id, await sha256Hex(challenge)),
				eq(webauthnChallenges.purpose, binding.purpose),
				gt(webauthnChallenges.expiresAt, now),
				binding.sessionId === null
					? isNull(webauthnChallenges.sessionId)
					: eq(webauthnChallenges.sessionId, binding.sessionId),
				binding.userId === null ? isNull(webauthnChallenges.userId) : eq(webauthnChallenges.userId, binding.userId)
			)
		)
		.returning({ id: webauthnChallenges.id });
	return taken.length === 1 ? challenge : null;
}
