import type { AppConfig } from '../../services/config';
import { decryptSecret, encryptSecret } from '../../services/crypto';
import { secretsKey } from '../../services/secrets-key';

// Encrypted at rest like the Paystack keys (AES-GCM, ENCRYPTION_KEY), and bound to the
// person: a sealed secret copied onto another person's row does not open.
const context = (userId: string) => `totp:${userId}`;

export async function sealTotpSecret(config: AppConfig, userId: string, secret: string): Promise<string> {
	return encryptSecret(secretsKey(config, 'Authenticator apps'), secret, context(userId));
}

export async function openTotpSecret(config: AppConfig, userId: string, sealed: string): Promise<string | null> {
	try {
		return await decryptSecret(secretsKey(config, 'Authenticator apps'), sealed, context(userId));
	} catch (error) {
		if (error instanceof Error && error.name === 'AppError') throw error;
		console.error('totp: a stored secret could not be decrypted (was ENCRYPTION_KEY changed?)');
		return null;
	}
}
