import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { totpFactors } from '../../../db/schema';
import { AppError, parseInput } from '../errors';
import { type Account, requireVerifying } from './account';
import { countFactorAttempt } from './attempt-limits';
import { recordFailedAttempt, signedInStatements } from './finish-sign-in';
import { matchTotp } from './totp';
import { openTotpSecret } from './totp-secret';

const inputSchema = z.object({
	code: z
		.string({ error: 'Enter the 6-digit code from your app.' })
		.trim()
		.min(1, 'Enter the 6-digit code from your app.')
		.max(20, 'Enter the 6-digit code from your app.')
});

const wrongCode = (message: string) => new AppError('validation_failed', message, { fields: { code: message } });

/**
 * The second step with an authenticator app. A code is accepted for its 30-second
 * step (or one either side) only if that step is later than the last one accepted:
 * the conditional update makes each code single use, even for two requests at once.
 */
export async function verifyTotpCode(account: Account & { input: unknown }) {
	const { services, person } = requireVerifying(account);
	const { code } = parseInput(inputSchema, account.input);
	await countFactorAttempt(services, person, 'code');
	const db = services.db;
	const row = await db
		.select()
		.from(totpFactors)
		.where(and(eq(totpFactors.userId, person.userId), isNotNull(totpFactors.confirmedAt)))
		.get();
	if (!row) throw new AppError('conflict', 'You have no authenticator app set up. Use a passkey or a recovery code.');
	const secret = await openTotpSecret(services.config, person.userId, row.secretEnc);
	const step = secret ? await matchTotp(secret, code, services.clock.now()) : null;
	if (step === null) {
		await recordFailedAttempt(account, 'totp');
		throw wrongCode('That code is not right. Enter the newest code from your app.');
	}
	const used = await db
		.update(totpFactors)
		.set({ lastUsedStep: step })
		.where(and(eq(totpFactors.id, row.id), or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step))))
		.returning({ id: totpFactors.id });
	if (used.length === 0) {
		await recordFailedAttempt(account, 'totp');
		throw wrongCode('That code was already used. Wait for the next one in your app.');
	}
	const statements = signedInStatements(account, 'totp');
	await db.batch([...statements]);
	return { signedIn: true as const };
}
