import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { passkeys } from '../../../db/schema';
import { AppError, parseInput } from '../errors';
import { type Account, requireVerifying } from './account';
import { countFactorAttempt } from './attempt-limits';
import { recordFailedAttempt, signedInStatements } from './finish-sign-in';
import { verifyPasskeyAssertion } from './passkey-assertion';
import { takeChallenge, storeChallenge } from './webauthn-challenges';
import { parseAuthenticationResponse, relyingParty } from './webauthn';

/** Options for navigator.credentials.get() as the second step: only this person's passkeys, for this session. */
export async function startPasskeyCheck(account: Account): Promise<PublicKeyCredentialRequestOptionsJSON> {
	const { services, person } = requireVerifying(account);
	const mine = await services.db
		.select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
		.from(passkeys)
		.where(eq(passkeys.userId, person.userId));
	if (mine.length === 0)
		throw new AppError('conflict', 'You have no passkey yet. Use your authenticator app or a recovery code.');
	const options = await generateAuthenticationOptions({
		rpID: relyingParty(services).rpID,
		allowCredentials: mine.map((p) => ({ id: p.credentialId, transports: p.transports })),
		userVerification: 'preferred'
	});
	await storeChallenge(services, options.challenge, {
		purpose: 'second_factor',
		userId: person.userId,
		sessionId: person.sessionId
	});
	return options;
}

const inputSchema = z.object({ response: z.unknown() });

/** Verifies the second step with a passkey: the challenge of this session, a passkey of this person. */
export async function finishPasskeyCheck(account: Account & { input: unknown }) {
	const { services, person } = requireVerifying(account);
	await countFactorAttempt(services, person, 'passkey');
	const response = parseAuthenticationResponse(parseInput(inputSchema, account.input).response);
	try {
		const challenge = await takeChallenge(services, response.response.clientDataJSON, {
			purpose: 'second_factor',
			userId: person.userId,
			sessionId: person.sessionId
		});
		if (!challenge)
			throw new AppError('conflict', 'This passkey request has expired or was already used. Please try again.');
		const passkey = await services.db
			.select()
			.from(passkeys)
			.where(and(eq(passkeys.credentialId, response.id), eq(passkeys.userId, person.userId)))
			.get();
		if (!passkey)
			throw new AppError(
				'forbidden',
				'That passkey is not one of yours here. Try another, or use your authenticator app.'
			);
		await verifyPasskeyAssertion(services, { response, challenge, passkey, requireUserVerification: false });
	} catch (error) {
		if (error instanceof AppError && error.code === 'forbidden') await recordFailedAttempt(account, 'passkey');
		throw error;
	}
	await services.db.batch([...signedInStatements(account, 'passkey')]);
	return { signedIn: true as const };
}
