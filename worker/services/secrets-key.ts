import { ServiceUnavailableError } from './errors';
import type { AppConfig } from './config';

/**
 * Development only: the key that encrypts stored secrets (Paystack secret keys,
 * authenticator-app secrets) when ENCRYPTION_KEY is not set, so `npm start` works
 * without setup. It is public (it is in this file), so it protects nothing;
 * production refuses to store or read secrets without a real ENCRYPTION_KEY
 * instead of falling back to it.
 */
const DEV_ENCRYPTION_KEY = 'Y29wb3J0YWwtZGV2LW9ubHktZW5jcnlwdGlvbi1rZXk='; // "coportal-dev-only-encryption-key"

/** The AES key for secrets at rest; `what` names them in the refusal ("Payment keys", ...). */
export function secretsKey(config: AppConfig, what: string): string {
	if (config.encryptionKey) return config.encryptionKey;
	if (config.isDevelopment) return DEV_ENCRYPTION_KEY;
	throw new ServiceUnavailableError(
		`${what} cannot be stored or used: the server has no ENCRYPTION_KEY secret. Ask your administrator to set it.`
	);
}
