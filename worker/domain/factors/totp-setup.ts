import { and, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { totpFactors } from '../../../db/schema';
import { newId } from '../../services/ids';
import { AppError } from '../errors';
import { type Account, requireMayEnrol } from './account';
import { qrCodeSvg } from './qr-code';
import { groupedSecret, newTotpSecret, otpauthUri } from './totp';
import { openTotpSecret, sealTotpSecret } from './totp-secret';

/** A started setup can be confirmed for this long. */
export const TOTP_SETUP_TTL_MS = 30 * 60 * 1000;
const ISSUER = 'CoPortal';

/**
 * Starts setting up an authenticator app: a new random secret, stored encrypted and
 * unconfirmed (any earlier unfinished setup is replaced). One app per person: a
 * second one means removing the first.
 */
export async function startTotpSetup(account: Account): Promise<PendingTotp> {
	const { services, person } = requireMayEnrol(account);
	const db = services.db;
	const confirmed = await db
		.select({ id: totpFactors.id })
		.from(totpFactors)
		.where(and(eq(totpFactors.userId, person.userId), isNotNull(totpFactors.confirmedAt)))
		.get();
	if (confirmed)
		throw new AppError('conflict', 'You already use an authenticator app. Remove it first to set up another.');
	const secret = newTotpSecret();
	const now = services.clock.now();
	await db.batch([
		db.delete(totpFactors).where(and(eq(totpFactors.userId, person.userId), isNull(totpFactors.confirmedAt))),
		db.insert(totpFactors).values({
			id: newId('otp'),
			userId: person.userId,
			secretEnc: await sealTotpSecret(services.config, person.userId, secret),
			createdAt: now
		})
	]);
	return pendingTotp(account, secret, now);
}

export type PendingTotp = { secret: string; groupedSecret: string; uri: string; qrSvg: string; expiresAt: number };

function pendingTotp(account: Account, secret: string, createdAt: number): PendingTotp {
	const uri = otpauthUri({ secret, account: account.person.email, issuer: ISSUER });
	return {
		secret,
		groupedSecret: groupedSecret(secret),
		uri,
		qrSvg: qrCodeSvg(uri, 'QR code to scan with your authenticator app'),
		expiresAt: createdAt + TOTP_SETUP_TTL_MS
	};
}

/** The setup in progress (to show its QR code again), or null when there is none or it expired. */
export async function getPendingTotp(account: Account): Promise<PendingTotp | null> {
	const { services, person } = requireMayEnrol(account);
	const row = await services.db
		.select()
		.from(totpFactors)
		.where(
			and(
				eq(totpFactors.userId, person.userId),
				isNull(totpFactors.confirmedAt),
				gt(totpFactors.createdAt, services.clock.now() - TOTP_SETUP_TTL_MS)
			)
		)
		.orderBy(desc(totpFactors.createdAt))
		.get();
	if (!row) return null;
	const secret = await openTotpSecret(services.config, person.userId, row.secretEnc);
	return secret ? pendingTotp(account, secret, row.createdAt) : null;
}
