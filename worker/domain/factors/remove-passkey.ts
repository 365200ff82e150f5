import { and, eq, sql } from 'drizzle-orm';
import { passkeys } from '../../../db/schema';
import { securityEventIfChanged } from '../auth/security-events';
import { notFound } from '../errors';
import { type Account, requireFull } from './account';
import { dropOrphanRecoveryCodes, lastFactorError, mayRemoveFactorSql } from './factor-removal';

/** A person removes one of their own passkeys (never the last factor a workspace of theirs requires). */
export async function removePasskey(account: Account & { passkeyId: string }) {
	const { services, person } = requireFull(account);
	const db = services.db;
	const passkey = await db
		.select({ name: passkeys.name })
		.from(passkeys)
		.where(and(eq(passkeys.id, account.passkeyId), eq(passkeys.userId, person.userId)))
		.get();
	if (!passkey) throw notFound('That passkey');
	const otherFactor = sql`(exists (select 1 from passkeys p where p.user_id = ${person.userId} and p.id <> ${account.passkeyId}) or exists (select 1 from totp_factors t where t.user_id = ${person.userId} and t.confirmed_at is not null))`;
	const [deleted] = await db.batch([
		db
			.delete(passkeys)
			.where(
				and(
					eq(passkeys.id, account.passkeyId),
					eq(passkeys.userId, person.userId),
					mayRemoveFactorSql(person.userId, otherFactor)
				)
			)
			.returning({ id: passkeys.id }),
		securityEventIfChanged(
			services,
			person,
			'auth.second_factor_removed',
			`${person.name} removed a passkey (${passkey.name})`
		),
		dropOrphanRecoveryCodes(services, person.userId)
	]);
	if (deleted.length === 0) throw lastFactorError();
	return { removed: true as const };
}
