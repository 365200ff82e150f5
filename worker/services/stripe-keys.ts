import type { workspaces } from '../../db/schema';
import type { AppConfig } from './config';
import { decryptSecret, encryptSecret } from './crypto';
import { ServiceUnavailableError } from './errors';
import { secretsKey } from './secrets-key';

type StripeColumns = Pick<
	typeof workspaces.$inferSelect,
	'stripeSecretEnc' | 'stripeSecretLast4' | 'stripeWebhookSecretEnc'
>;

/**
 * Development only: a workspace whose Stripe secret key is this one pays through the local
 * stand-in checkout (/dev/stripe/checkout) instead of Stripe; the stand-in signs its
 * checkout.session.completed with the workspace's own stored webhook secret, so the webhook
 * route has no special case. Anywhere but development this key is simply refused by Stripe.
 */
export const DEV_STRIPE_STANDIN_KEY = 'sk_test_coportal_local_standin_checkout';

const encryptionKey = (config: AppConfig) => secretsKey(config, 'Payment keys');

export function sealStripeSecret(config: AppConfig, secret: string): Promise<string> {
	return encryptSecret(encryptionKey(config), secret);
}

async function open(config: AppConfig, sealed: string | null, what: string): Promise<string | null> {
	if (!sealed) return null;
	try {
		return await decryptSecret(encryptionKey(config), sealed);
	} catch (error) {
		if (error instanceof ServiceUnavailableError) throw error;
		console.error(`stripe: the stored ${what} could not be decrypted (was ENCRYPTION_KEY changed?)`);
		return null;
	}
}

/** The workspace's Stripe secret key in clear, or null when none is stored or it cannot be decrypted. */
export const openStripeSecret = (config: AppConfig, workspace: StripeColumns) =>
	open(config, workspace.stripeSecretEnc, 'secret key');
/** The signing secret (whsec_...) of the workspace's Stripe webhook endpoint, or null. */
export const openStripeWebhookSecret = (config: AppConfig, workspace: StripeColumns) =>
	open(config, workspace.stripeWebhookSecretEnc, 'webhook signing secret');

export function hasStripeKeys(workspace: StripeColumns): boolean {
	return Boolean(workspace.stripeSecretEnc && workspace.stripeWebhookSecretEnc);
}

/** Whether Stripe payments of this workspace go to the local stand-in checkout (development, the stand-in key). */
export function usesStripeStandIn(config: AppConfig, workspace: StripeColumns): boolean {
	return (
		config.isDevelopment && hasStripeKeys(workspace) && workspace.stripeSecretLast4 === DEV_STRIPE_STANDIN_KEY.slice(-4)
	);
}
