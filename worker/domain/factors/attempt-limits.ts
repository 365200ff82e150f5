import type { Services } from '../../services';
import { AppError } from '../errors';
import { hitRateLimits, signInLimitsDb, type RateLimitRule } from '../security/rate-limit';
import type { Person } from '../auth/security-events';

const MINUTE = 60_000;

/**
 * Limits on second-factor attempts. Codes (authenticator, recovery) can be guessed,
 * so they are limited per session *and* per person: 5 tries per session per 15
 * minutes, 10 per person per hour whatever the session. Reaching either takes a
 * session of that person, which takes their email link, so a stranger can never use
 * it to lock someone out; and a passkey (which cannot be guessed) is not counted
 * against the person at all, so they can always still sign in with one. Passkey
 * attempts are only limited per session, to bound the work and the activity feed.
 */
export const FACTOR_LIMITS = {
	codePerSession: { limit: 5, windowMs: 15 * MINUTE },
	codePerPerson: { limit: 10, windowMs: 60 * MINUTE },
	passkeyPerSession: { limit: 10, windowMs: 15 * MINUTE }
};

export type AttemptKind = 'code' | 'setup_code' | 'passkey';

function rules(kind: AttemptKind, person: Person & { sessionId: string }): RateLimitRule[] {
	switch (kind) {
		case 'code':
			return [
				{ key: `factor:code:session:${person.sessionId}`, ...FACTOR_LIMITS.codePerSession },
				{ key: `factor:code:user:${person.userId}`, ...FACTOR_LIMITS.codePerPerson }
			];
		// Confirming a new authenticator app: the person was just shown the secret, so only the session is limited.
		case 'setup_code':
			return [{ key: `factor:code:session:${person.sessionId}`, ...FACTOR_LIMITS.codePerSession }];
		case 'passkey':
			return [{ key: `factor:passkey:session:${person.sessionId}`, ...FACTOR_LIMITS.passkeyPerSession }];
	}
}

/** Counts one attempt; refuses (429) past a limit, before anything is checked. */
export async function countFactorAttempt(
	services: Services,
	person: Person & { sessionId: string },
	kind: AttemptKind
): Promise<void> {
	const result = await hitRateLimits(services.db, rules(kind, person), services.clock.now());
	if (result.allowed) return;
	const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
	const also = kind === 'passkey' ? '' : ' You can still use a passkey.';
	throw new AppError(
		'rate_limited',
		`Too many attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.${also}`,
		{ retryAfterSeconds: result.retryAfterSeconds }
	);
}

/** Passwordless passkey sign-in: nobody is known yet, so only the network is limited. */
export async function countPasskeySignInAttempt(services: Services, ip: string | null): Promise<void> {
	if (!ip) return;
	const result = await hitRateLimits(
		signInLimitsDb(services),
		[{ key: `passkey:signin:ip:${ip}`, limit: 60, windowMs: 15 * MINUTE }],
		services.clock.now()
	);
	if (!result.allowed)
		throw new AppError('rate_limited', 'Too many sign-in attempts from your network. Please try again later.', {
			retryAfterSeconds: result.retryAfterSeconds
		});
}
