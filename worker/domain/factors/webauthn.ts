import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { Services } from '../../services';
import { AppError } from '../errors';

/** Shown by the browser and the authenticator. */
export const RP_NAME = 'CoPortal';
/** EdDSA, ES256, RS256: what platform authenticators and security keys use (no post-quantum until browsers ship it). */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];

/**
 * The relying party is the staff dashboard: RP ID = its host name, and responses must
 * come from its origin (https in production; the local port in development). Passkeys
 * never work on a portal host, and a portal's pages cannot ask for them.
 */
export function relyingParty(services: Services): { rpID: string; origin: string } {
	return { rpID: services.config.appHost, origin: new URL(services.urls.app()).origin };
}

const b64url = z
	.string()
	.max(16_384)
	.regex(/^[A-Za-z0-9_-]*$/, 'Not base64url.');

const registrationSchema = z.object({
	id: b64url.min(1).max(1024),
	rawId: b64url.min(1).max(1024),
	type: z.literal('public-key'),
	response: z.object({
		clientDataJSON: b64url,
		attestationObject: b64url,
		transports: z.array(z.string().max(32)).max(10).optional(),
		authenticatorData: b64url.optional(),
		publicKey: b64url.optional(),
		publicKeyAlgorithm: z.number().optional()
	}),
	authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
	clientExtensionResults: z.record(z.string(), z.unknown()).default({})
});

const authenticationSchema = z.object({
	id: b64url.min(1).max(1024),
	rawId: b64url.min(1).max(1024),
	type: z.literal('public-key'),
	response: z.object({
		clientDataJSON: b64url,
		authenticatorData: b64url,
		signature: b64url,
		userHandle: b64url.optional()
	}),
	authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
	clientExtensionResults: z.record(z.string(), z.unknown()).default({})
});

const unreadable = () =>
	new AppError('validation_failed', 'The passkey response could not be read. Please try again.', {
		fields: { response: 'The passkey response could not be read.' }
	});

/** The browser's registration answer (from @simplewebauthn/browser's startRegistration), checked for shape only. */
export function parseRegistrationResponse(input: unknown): RegistrationResponseJSON {
	const parsed = registrationSchema.safeParse(input);
	if (!parsed.success) throw unreadable();
	return parsed.data as RegistrationResponseJSON;
}

export function parseAuthenticationResponse(input: unknown): AuthenticationResponseJSON {
	const parsed = authenticationSchema.safeParse(input);
	if (!parsed.success) throw unreadable();
	return parsed.data as AuthenticationResponseJSON;
}

export const passkeyNotVerified = () =>
	new AppError('forbidden', 'That passkey could not be verified. Please try again.');
