import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { totpFactors } from '../../../db/schema';
import { securityEventIfChanged } from '../auth/security-events';
import { notFound } from '../errors';
import { type Account, requireFull } from './account';
import { dropOrphanRecoveryCodes, lastFactorError, mayRemoveFactorSql } from './factor-removal';

/** A person stops using their authenticator app (never the last factor a workspace of theirs requires). */
export async function removeTotp(account: Account) {
	const { services, person } = requireFull(account);
	const db = services.db;
	const mine = and(eq(totpFactors.userId, person.userId), isNotNull(totpFactors.confirmedAt));
	const existing = await db.select({ id: totpFactors.id }).from(totpFactors).where(mine).get();
	if (!existing) throw notFound('An authenticator app');
	const otherFactor = sql`exists (select 1 from passkeys p where p.user_id = ${person.userId})`;
	const [deleted] = await db.batch([
		db
			.delete(totpFactors)
			.where(and(mine, mayRemoveFactorSql(person.userId, otherFactor)))
			.returning({ id: totpFactors.id }),
		securityEventIfChanged(
			services,
			person,
			'auth.second_factor_removed',
			`${person.name} removed their authenticator app`
		),
		dropOrphanRecoveryCodes(services, person.userId)
	]);
	if (deleted.length === 0) throw lastFactorError();
	return { removed: true as const };
}
