import { and, count, eq, isNull } from 'drizzle-orm';
import { recoveryCodes } from '../../../db/schema';
import { newId } from '../../services/ids';
import type { Services } from '../../services';
import { AppError } from '../errors';
import { securityEvent } from '../auth/security-events';
import { hasSecondFactor } from './factor-queries';
import { type Account, requireFull } from './account';
import { newRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeHash } from './recovery-code-format';

/** A fresh set of codes for a person: the statements replace any old set; the codes are returned to show once. */
export async function newRecoveryCodeSet(services: Services, userId: string) {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
	const now = services.clock.now();
	const rows = await Promise.all(
		codes.map(async (code) => ({
			id: newId('rec'),
			userId,
			codeHash: await recoveryCodeHash(userId, code),
			createdAt: now
		}))
	);
	const db = services.db;
	return {
		codes,
		statements: [
			db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
			db.insert(recoveryCodes).values(rows)
		] as const
	};
}

export async function unusedRecoveryCodes(services: Services, userId: string): Promise<number> {
	const row = await services.db
		.select({ n: count() })
		.from(recoveryCodes)
		.where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
		.get();
	return row?.n ?? 0;
}

/** Settings -> Security: "Generate new codes". The old ones stop working; the new ones are shown once. */
export async function renewRecoveryCodes(account: Account): Promise<{ codes: string[] }> {
	const { services, person } = requireFull(account);
	if (!(await hasSecondFactor(services, person.userId)))
		throw new AppError('conflict', 'Add a passkey or an authenticator app first: recovery codes stand in for them.');
	const set = await newRecoveryCodeSet(services, person.userId);
	await services.db.batch([
		...set.statements,
		securityEvent(services, person, 'auth.recovery_codes_renewed', `${person.name} generated new recovery codes`)
	]);
	return { codes: set.codes };
}
