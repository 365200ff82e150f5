import { and, eq, not, sql, type SQL } from 'drizzle-orm';
import { recoveryCodes } from '../../../db/schema';
import type { Services } from '../../services';
import { hasSecondFactorSql } from '../auth/assurance';
import { AppError } from '../errors';
import { requiredByAWorkspaceSql } from './factor-queries';

/**
 * The condition a removal carries in SQL, so two removals at once cannot both take
 * the last factor: it may go while no workspace of theirs requires a second factor,
 * or while another factor remains (`otherFactor`).
 */
export function mayRemoveFactorSql(userId: string, otherFactor: SQL): SQL {
	return sql`(not ${requiredByAWorkspaceSql(userId)} or ${otherFactor})`;
}

/** Recovery codes stand in for factors: once the last factor is gone, so are they (a new factor brings new ones). */
export function dropOrphanRecoveryCodes(services: Services, userId: string) {
	return services.db
		.delete(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), not(hasSecondFactorSql(userId))));
}

export const lastFactorError = () =>
	new AppError(
		'conflict',
		'Your workspace requires a second factor, and this is your last one. Add another passkey or an authenticator app before removing it.'
	);
