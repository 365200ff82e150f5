import {
	browserSupportsWebAuthn,
	startAuthentication,
	startRegistration,
	WebAuthnError
} from '@simplewebauthn/browser';

/**
 * The browser side of the passkey ceremonies: ask the API for options, let the
 * browser and authenticator do their part, send the answer back. Every rule is on
 * the server; this only moves JSON and turns failures into sentences.
 */
export class PasskeyProblem extends Error {}

export const passkeysSupported = () => browserSupportsWebAuthn();

async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
	const res = await fetch(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});
	const data = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
	if (!res.ok) throw new PasskeyProblem(data.error?.message ?? 'Something went wrong. Please try again.');
	return data as T;
}

function explain(error: unknown): never {
	if (error instanceof PasskeyProblem) throw error;
	if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
		throw new PasskeyProblem('This device already has a passkey for your account.');
	if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError'))
		throw new PasskeyProblem('The passkey request was cancelled or timed out. Try again when you are ready.');
	throw new PasskeyProblem('Your browser could not use a passkey here. Try another way to sign in.');
}

/** Adds a passkey to the signed-in (or enrolling) person. Returns recovery codes when it was their first factor. */
export async function registerPasskey(name: string): Promise<{ recoveryCodes: string[] | null }> {
	try {
		const optionsJSON = await postJson<Parameters<typeof startRegistration>[0]['optionsJSON']>(
			'/api/account/passkeys/registration/options'
		);
		const response = await startRegistration({ optionsJSON });
		return await postJson('/api/account/passkeys/registration', { name, response });
	} catch (error) {
		explain(error);
	}
}

/** Passwordless sign-in; returns where to go next. */
export async function signInWithPasskey(next: string): Promise<string> {
	try {
		const optionsJSON = await postJson<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
			'/api/auth/passkeys/sign-in/options'
		);
		const response = await startAuthentication({ optionsJSON });
		return (await postJson<{ redirectTo: string }>('/api/auth/passkeys/sign-in', { response, next })).redirectTo;
	} catch (error) {
		explain(error);
	}
}

/** The second step of an email-link sign-in with a passkey; returns where to go next. */
export async function verifyWithPasskey(next: string): Promise<string> {
	try {
		const optionsJSON = await postJson<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
			'/api/auth/second-factor/passkey/options'
		);
		const response = await startAuthentication({ optionsJSON });
		return (
			await postJson<{ redirectTo: string }>(`/api/auth/second-factor/passkey?next=${encodeURIComponent(next)}`, {
				response
			})
		).redirectTo;
	} catch (error) {
		explain(error);
	}
}
