import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { recoveryCodes } from '../../../db/schema';
import { AppError, parseInput } from '../errors';
import { type Account, requireVerifying } from './account';
import { countFactorAttempt } from './attempt-limits';
import { recordFailedAttempt, signedInStatements } from './finish-sign-in';
import { looksLikeRecoveryCode, recoveryCodeHash } from './recovery-code-format';

const inputSchema = z.object({
	recoveryCode: z
		.string({ error: 'Enter one of your recovery codes.' })
		.trim()
		.min(1, 'Enter one of your recovery codes.')
		.max(40, 'Enter one of your recovery codes.')
});

/** The second step with a recovery code: each works once (a conditional update marks it used). */
export async function useRecoveryCode(account: Account & { input: unknown }) {
	const { services, person } = requireVerifying(account);
	const { recoveryCode } = parseInput(inputSchema, account.input);
	await countFactorAttempt(services, person, 'code');
	const db = services.db;
	const used = looksLikeRecoveryCode(recoveryCode)
		? await db
				.update(recoveryCodes)
				.set({ usedAt: services.clock.now() })
				.where(
					and(
						eq(recoveryCodes.userId, person.userId),
						eq(recoveryCodes.codeHash, await recoveryCodeHash(person.userId, recoveryCode)),
						isNull(recoveryCodes.usedAt)
					)
				)
				.returning({ id: recoveryCodes.id })
		: [];
	if (used.length === 0) {
		await recordFailedAttempt(account, 'recovery_code');
		const message = 'That recovery code is not right, or it was already used.';
		throw new AppError('validation_failed', message, { fields: { recoveryCode: message } });
	}
	const left =
		(
			await db
				.select({ n: count() })
				.from(recoveryCodes)
				.where(and(eq(recoveryCodes.userId, person.userId), isNull(recoveryCodes.usedAt)))
				.get()
		)?.n ?? 0;
	await db.batch([
		...signedInStatements(account, 'recovery_code', [`${person.name} used a recovery code (${left} left)`])
	]);
	return { signedIn: true as const, recoveryCodesLeft: left };
}
