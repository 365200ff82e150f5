import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { passkeys, recoveryCodes, totpFactors } from '../../../db/schema';
import { type Account, requireFull } from './account';

/** Settings -> Security, "Your sign-in": passkeys, the authenticator app and recovery codes, in one batch. */
export async function getMyFactors(account: Account) {
	const { services, person } = requireFull(account);
	const db = services.db;
	const [keys, totp, codes] = await db.batch([
		db
			.select({
				id: passkeys.id,
				name: passkeys.name,
				createdAt: passkeys.createdAt,
				lastUsedAt: passkeys.lastUsedAt,
				backedUp: passkeys.backedUp,
				deviceType: passkeys.deviceType
			})
			.from(passkeys)
			.where(eq(passkeys.userId, person.userId))
			.orderBy(asc(passkeys.createdAt)),
		db
			.select({ confirmedAt: totpFactors.confirmedAt })
			.from(totpFactors)
			.where(and(eq(totpFactors.userId, person.userId), isNotNull(totpFactors.confirmedAt))),
		db
			.select({ n: count() })
			.from(recoveryCodes)
			.where(and(eq(recoveryCodes.userId, person.userId), isNull(recoveryCodes.usedAt)))
	]);
	const totpSince = totp[0]?.confirmedAt ?? null;
	return {
		passkeys: keys,
		authenticatorApp: totpSince === null ? null : { since: totpSince },
		recoveryCodesLeft: codes[0]?.n ?? 0,
		hasSecondFactor: keys.length > 0 || totpSince !== null
	};
}

/** The verify step: which factors the person can use to finish signing in. */
export async function getSecondStepOptions(account: Account) {
	const { services, person } = account;
	const db = services.db;
	const [keys, totp, codes] = await db.batch([
		db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, person.userId)),
		db
			.select({ n: count() })
			.from(totpFactors)
			.where(and(eq(totpFactors.userId, person.userId), isNotNull(totpFactors.confirmedAt))),
		db
			.select({ n: count() })
			.from(recoveryCodes)
			.where(and(eq(recoveryCodes.userId, person.userId), isNull(recoveryCodes.usedAt)))
	]);
	return {
		passkey: (keys[0]?.n ?? 0) > 0,
		authenticatorApp: (totp[0]?.n ?? 0) > 0,
		recoveryCodes: (codes[0]?.n ?? 0) > 0
	};
}
