import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import { passkeys } from '../../../db/schema';
import { type Account, requireMayEnrol } from './account';
import { storeChallenge } from './webauthn-challenges';
import { relyingParty, RP_NAME, SUPPORTED_ALGORITHMS } from './webauthn';

/** A person may keep this many passkeys; more is almost certainly a mistake or abuse. */
export const MAX_PASSKEYS = 20;

/**
 * The options for navigator.credentials.create(): a discoverable credential (so it can
 * also sign in without an email link), the person's existing passkeys excluded, and a
 * fresh challenge stored for this session only.
 */
export async function startPasskeyRegistration(account: Account): Promise<PublicKeyCredentialCreationOptionsJSON> {
	const { services, person } = requireMayEnrol(account);
	const existing = await services.db
		.select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
		.from(passkeys)
		.where(eq(passkeys.userId, person.userId));
	const { rpID } = relyingParty(services);
	const options = await generateRegistrationOptions({
		rpName: RP_NAME,
		rpID,
		userName: person.email,
		userDisplayName: person.name,
		userID: new TextEncoder().encode(person.userId),
		attestationType: 'none',
		excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
		authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
		supportedAlgorithmIDs: SUPPORTED_ALGORITHMS
	});
	await storeChallenge(services, options.challenge, {
		purpose: 'register',
		userId: person.userId,
		sessionId: person.sessionId
	});
	return options;
}
