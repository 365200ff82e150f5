import { and, eq, isNull } from 'drizzle-orm';
import { sessions, type SecondFactorMethod } from '../../../db/schema';
import { SESSION_TTL_MS } from '../auth/sessions';
import type { Account } from './account';

/**
 * Records in the session that a second factor was just verified in it: the session
 * reaches the dashboard from now on, with the full lifetime (a pending one had 15 minutes).
 */
export function raiseSessionAssurance(account: Pick<Account, 'services' | 'person'>, method: SecondFactorMethod) {
	const { services, person } = account;
	const now = services.clock.now();
	return services.db
		.update(sessions)
		.set({ mfaAt: now, mfaMethod: method, lastSeenAt: now, expiresAt: now + SESSION_TTL_MS })
		.where(and(eq(sessions.id, person.sessionId), eq(sessions.userId, person.userId), isNull(sessions.revokedAt)));
}
