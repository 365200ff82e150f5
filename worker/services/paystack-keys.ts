import type { workspaces } from '../../db/schema';
import type { AppConfig } from './config';
import { decryptSecret, encryptSecret } from './crypto';
import { ServiceUnavailableError } from './errors';
import { secretsKey } from './secrets-key';

type PaystackColumns = Pick<typeof workspaces.$inferSelect, 'paystackPublicKey' | 'paystackSecretEnc'>;

/**
 * Development only: the secret the local stand-in checkout (/dev/paystack/checkout)
 * signs its charge.success webhooks with. The webhook route accepts it only in
 * development and only for a workspace that has no Paystack keys of its own.
 */
export const DEV_STANDIN_SECRET = 'sk_test_coportal_local_standin_checkout';

const encryptionKey = (config: AppConfig) => secretsKey(config, 'Payment keys');

export function sealPaystackSecret(config: AppConfig, secretKey: string): Promise<string> {
	return encryptSecret(encryptionKey(config), secretKey);
}

/** The workspace's secret key in clear, or null when none is stored or it cannot be decrypted (e.g. ENCRYPTION_KEY changed). */
export async function openPaystackSecret(config: AppConfig, workspace: PaystackColumns): Promise<string | null> {
	if (!workspace.paystackSecretEnc) return null;
	try {
		return await decryptSecret(encryptionKey(config), workspace.paystackSecretEnc);
	} catch (error) {
		if (error instanceof ServiceUnavailableError) throw error;
		console.error('paystack: the stored secret key could not be decrypted (was ENCRYPTION_KEY changed?)');
		return null;
	}
}

export function hasPaystackKeys(workspace: PaystackColumns): boolean {
	return Boolean(workspace.paystackSecretEnc && workspace.paystackPublicKey);
}

/** Whether Pay now goes to the local stand-in checkout: development, and the workspace has no keys. */
export function usesStandIn(config: AppConfig, workspace: PaystackColumns): boolean {
	return config.isDevelopment && !hasPaystackKeys(workspace);
}

/** The key webhooks of this workspace are signed with, or null when it cannot receive any. */
export async function webhookSecret(config: AppConfig, workspace: PaystackColumns): Promise<string | null> {
	if (usesStandIn(config, workspace)) return DEV_STANDIN_SECRET;
	return openPaystackSecret(config, workspace);
}
