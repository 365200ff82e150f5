import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { totpFactors } from '../../../db/schema';
import { isUniqueViolation } from '../../services/db';
import { AppError, parseInput } from '../errors';
import { type Account, requireMayEnrol } from './account';
import { countFactorAttempt } from './attempt-limits';
import { factorAddedStatements } from './factor-added';
import { matchTotp } from './totp';
import { openTotpSecret } from './totp-secret';
import { TOTP_SETUP_TTL_MS } from './totp-setup';

const inputSchema = z.object({
	code: z
		.string({ error: 'Enter the 6-digit code from your app.' })
		.trim()
		.min(1, 'Enter the 6-digit code from your app.')
		.max(20, 'Enter the 6-digit code from your app.')
});

/**
 * Finishes setting up an authenticator app: the code shows the app holds the secret.
 * The code's step is recorded as used, so the same code cannot then sign anyone in.
 * Returns recovery codes when this is the person's first factor.
 */
export async function confirmTotpSetup(account: Account & { input: unknown }) {
	const { services, person } = requireMayEnrol(account);
	const { code } = parseInput(inputSchema, account.input);
	const db = services.db;
	const now = services.clock.now();
	const row = await db
		.select()
		.from(totpFactors)
		.where(
			and(
				eq(totpFactors.userId, person.userId),
				isNull(totpFactors.confirmedAt),
				gt(totpFactors.createdAt, now - TOTP_SETUP_TTL_MS)
			)
		)
		.orderBy(desc(totpFactors.createdAt))
		.get();
	if (!row) throw new AppError('gone', 'This setup has expired. Start again to get a new QR code.');
	await countFactorAttempt(services, person, 'setup_code');
	const secret = await openTotpSecret(services.config, person.userId, row.secretEnc);
	const step = secret ? await matchTotp(secret, code, now) : null;
	if (step === null)
		throw new AppError('validation_failed', 'That code did not match.', {
			fields: { code: 'That code did not match. Check the time on your phone and enter the newest code.' }
		});

	// Confirming is the guard (conditional, and the unique index allows one confirmed app per
	// person); only the request that confirmed it goes on to record it and issue recovery codes.
	let confirmed: { id: string }[];
	try {
		confirmed = await db
			.update(totpFactors)
			.set({ confirmedAt: now, lastUsedStep: step })
			.where(and(eq(totpFactors.id, row.id), isNull(totpFactors.confirmedAt)))
			.returning({ id: totpFactors.id });
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError('conflict', 'You already use an authenticator app.');
		throw error;
	}
	if (confirmed.length === 0) throw new AppError('conflict', 'This authenticator app was already set up.');
	const added = await factorAddedStatements(account, 'totp', `${person.name} set up an authenticator app`);
	await db.batch(added.statements as [(typeof added.statements)[number], ...typeof added.statements]);
	return { recoveryCodes: added.recoveryCodes };
}
