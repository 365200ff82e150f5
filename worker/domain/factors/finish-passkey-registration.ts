import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { passkeys } from '../../../db/schema';
import { bytesToBase64Url } from '../../services/crypto';
import { isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { deviceLabel } from '../auth/device-label';
import { AppError, parseInput } from '../errors';
import { optionalNameText } from '../names';
import { type Account, requireMayEnrol } from './account';
import { factorAddedStatements } from './factor-added';
import { MAX_PASSKEYS } from './start-passkey-registration';
import { takeChallenge } from './webauthn-challenges';
import { parseRegistrationResponse, passkeyNotVerified, relyingParty, SUPPORTED_ALGORITHMS } from './webauthn';

const inputSchema = z.object({ name: optionalNameText(60), response: z.unknown() });

/**
 * Verifies the browser's answer to startPasskeyRegistration and stores the passkey.
 * The challenge is used up first (once, for this session), then the attestation
 * ("none": we trust the browser, not a vendor certificate) is checked for our RP ID,
 * origin and challenge. Returns recovery codes when this is the person's first factor.
 */
export async function finishPasskeyRegistration(account: Account & { input: unknown; userAgent: string | null }) {
	const { services, person } = requireMayEnrol(account);
	const input = parseInput(inputSchema, account.input);
	const response = parseRegistrationResponse(input.response);
	const challenge = await takeChallenge(services, response.response.clientDataJSON, {
		purpose: 'register',
		userId: person.userId,
		sessionId: person.sessionId
	});
	if (!challenge)
		throw new AppError('conflict', 'This passkey request has expired or was already used. Please try again.');
	const { rpID, origin } = relyingParty(services);
	let verification;
	try {
		verification = await verifyRegistrationResponse({
			response,
			expectedChallenge: challenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			requireUserVerification: false,
			supportedAlgorithmIDs: SUPPORTED_ALGORITHMS
		});
	} catch {
		throw passkeyNotVerified();
	}
	if (!verification.verified) throw passkeyNotVerified();
	const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;

	const db = services.db;
	const owned = await db.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, person.userId)).get();
	if ((owned?.n ?? 0) >= MAX_PASSKEYS)
		throw new AppError('conflict', `You already have ${MAX_PASSKEYS} passkeys. Remove one you no longer use first.`);
	const name = input.name || deviceLabel(account.userAgent);
	const id = newId('pky');
	const added = await factorAddedStatements(account, 'passkey', `${person.name} added a passkey (${name})`);
	try {
		await db.batch([
			db.insert(passkeys).values({
				id,
				userId: person.userId,
				credentialId: credential.id,
				publicKey: bytesToBase64Url(credential.publicKey),
				counter: credential.counter,
				transports: credential.transports ?? [],
				deviceType: credentialDeviceType,
				backedUp: credentialBackedUp,
				name,
				createdAt: services.clock.now()
			}),
			...added.statements
		]);
	} catch (error) {
		if (isUniqueViolation(error)) throw new AppError('conflict', 'That passkey is already registered.');
		throw error;
	}
	return { passkey: { id, name }, recoveryCodes: added.recoveryCodes };
}
