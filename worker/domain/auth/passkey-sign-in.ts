import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, passkeys, users } from '../../../db/schema';
import type { Services } from '../../services';
import { AppError, parseInput } from '../errors';
import { countPasskeySignInAttempt } from '../factors/attempt-limits';
import { verifyPasskeyAssertion } from '../factors/passkey-assertion';
import { storeChallenge, takeChallenge } from '../factors/webauthn-challenges';
import { parseAuthenticationResponse, passkeyNotVerified, relyingParty } from '../factors/webauthn';
import { safeRedirect } from './email-address';
import { securityEvent } from './security-events';
import { newSessionInsert } from './sessions';
import { findOnStaffShard } from './staff-shard';
import { DEFAULT_SHARD } from '../../services/shards';

/**
 * Passwordless sign-in for staff: the browser offers the passkeys it holds for the
 * dashboard (discoverable credentials, no email asked), the person unlocks one (user
 * verification is required: the device's PIN or biometrics), and that is a full
 * session on its own: possession of the key plus the device's check is two factors.
 */
export async function startPasskeySignIn(opts: {
	services: Services;
	ip: string | null;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
	const { services } = opts;
	await countPasskeySignInAttempt(services, opts.ip);
	const options = await generateAuthenticationOptions({
		rpID: relyingParty(services).rpID,
		userVerification: 'required'
	});
	// On the default shard, like the attempt count: the shard a cookie names may change before the finish (another tab).
	await storeChallenge(services.onShard(DEFAULT_SHARD), options.challenge, {
		purpose: 'sign_in',
		userId: null,
		sessionId: null
	});
	return options;
}

const inputSchema = z.object({ response: z.unknown(), next: z.string().max(2000).optional() });

export async function finishPasskeySignIn(opts: {
	services: Services;
	input: unknown;
	ip: string | null;
	userAgent: string | null;
}) {
	const { services } = opts;
	await countPasskeySignInAttempt(services, opts.ip);
	const input = parseInput(inputSchema, opts.input);
	const response = parseAuthenticationResponse(input.response);
	const challenge = await takeChallenge(services.onShard(DEFAULT_SHARD), response.response.clientDataJSON, {
		purpose: 'sign_in',
		userId: null,
		sessionId: null
	});
	if (!challenge)
		throw new AppError('conflict', 'This sign-in request has expired or was already used. Please try again.');
	// The passkey, on the shard that holds the person's account (staff-shard.ts): from here on
	// everything is written there. The attempt count and the challenge stay on the default shard.
	// The user handle, when the authenticator gives it, narrows the lookup to its person: a
	// credential id is unique on one shard only, and one registered on another shard by someone
	// else must not shadow theirs.
	const handle = response.response.userHandle;
	const located = await findOnStaffShard(services, (on) =>
		on.db
			.select({ passkey: passkeys, user: users })
			.from(passkeys)
			.innerJoin(users, eq(users.id, passkeys.userId))
			.where(
				and(eq(passkeys.credentialId, response.id), handle ? eq(passkeys.userId, userIdOfHandle(handle)) : undefined)
			)
			.get()
	);
	if (!located) throw passkeyNotVerified();
	const { found, services: on } = located;
	// The authenticator says whose passkey it is; it must be the person we stored it for.
	if (response.response.userHandle && response.response.userHandle !== userHandleOf(found.user.id))
		throw passkeyNotVerified();
	const db = on.db;
	await verifyPasskeyAssertion(on, {
		response,
		challenge,
		passkey: found.passkey,
		requireUserVerification: true
	});

	const membership = await db
		.select({ workspaceId: memberships.workspaceId, id: memberships.id })
		.from(memberships)
		.where(eq(memberships.userId, found.user.id))
		.orderBy(asc(memberships.createdAt))
		.get();
	if (!membership)
		throw new AppError('forbidden', 'This passkey belongs to someone who is no longer in any workspace.');
	const session = await newSessionInsert(on, {
		kind: 'staff',
		signInMethod: 'passkey',
		mfa: { method: 'passkey' },
		workspaceId: membership.workspaceId,
		userId: found.user.id,
		ip: opts.ip,
		userAgent: opts.userAgent
	});
	await db.batch([
		session.insert,
		db.update(users).set({ lastLoginAt: on.clock.now() }).where(eq(users.id, found.user.id)),
		securityEvent(
			on,
			{ userId: found.user.id, name: found.user.name, workspaceId: membership.workspaceId },
			'auth.signed_in',
			`${found.user.name} signed in with a passkey (${found.passkey.name})`
		)
	]);
	services.d1Session.follow(on.shard);
	return { sessionToken: session.token, expiresAt: session.expiresAt, redirectTo: safeRedirect(input.next, '/') };
}

/** The user handle a passkey was registered with (start-passkey-registration: the user id's bytes), base64url. */
function userHandleOf(userId: string): string {
	let binary = '';
	for (const b of new TextEncoder().encode(userId)) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The user id a user handle carries (the reverse of userHandleOf); an unreadable handle matches nobody. */
function userIdOfHandle(handle: string): string {
	try {
		const binary = atob(handle.replace(/-/g, '+').replace(/_/g, '/'));
		return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
	} catch {
		return '';
	}
}
