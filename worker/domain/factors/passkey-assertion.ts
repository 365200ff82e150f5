import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import { passkeys } from '../../../db/schema';
import type { Services } from '../../services';
import { base64ToBytes } from '../../services/crypto';
import { passkeyNotVerified, relyingParty } from './webauthn';

type PasskeyRow = typeof passkeys.$inferSelect;

/**
 * Checks an assertion against a stored passkey and the challenge it must answer (our
 * RP ID, our origin, the signature over authenticatorData || SHA-256(clientDataJSON)),
 * then moves the signature counter forward with a conditional update. A counter that
 * does not move forward (a cloned authenticator, or two uses racing) is refused; an
 * authenticator that keeps no counter reports 0 every time and is accepted.
 */
export async function verifyPasskeyAssertion(
	services: Services,
	opts: {
		response: AuthenticationResponseJSON;
		challenge: string;
		passkey: PasskeyRow;
		requireUserVerification: boolean;
	}
) {
	const { rpID, origin } = relyingParty(services);
	const { passkey } = opts;
	let verification;
	try {
		verification = await verifyAuthenticationResponse({
			response: opts.response,
			expectedChallenge: opts.challenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			credential: {
				id: passkey.credentialId,
				publicKey: base64ToBytes(passkey.publicKey),
				counter: passkey.counter,
				transports: passkey.transports as never
			},
			requireUserVerification: opts.requireUserVerification
		});
	} catch {
		throw passkeyNotVerified();
	}
	if (!verification.verified) throw passkeyNotVerified();
	const { newCounter, credentialBackedUp } = verification.authenticationInfo;
	const moved = await services.db
		.update(passkeys)
		.set({ counter: newCounter, lastUsedAt: services.clock.now(), backedUp: credentialBackedUp })
		.where(
			and(
				eq(passkeys.id, passkey.id),
				or(lt(passkeys.counter, newCounter), and(eq(passkeys.counter, 0), sql`${newCounter} = 0`))
			)
		)
		.returning({ id: passkeys.id });
	if (moved.length === 0) throw passkeyNotVerified();
}
