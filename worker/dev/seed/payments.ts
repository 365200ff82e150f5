import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import { DEV_STRIPE_STANDIN_KEY, sealStripeSecret } from '../../services/stripe-keys';
import type { SeedContext } from './context';
import { ACME } from './ids';

/** A public, development-only signing secret: the stand-in checkout signs Acme's Stripe webhooks with it. */
export const DEMO_STRIPE_WEBHOOK_SECRET = 'whsec_coportal_demo_standin_0000';

/**
 * Acme takes both Paystack (the local stand-in, as every keyless workspace in development) and
 * Stripe (connected with the stand-in key, so it pays offline too): its client picks on the invoice.
 */
export async function seedPayments({ db, services }: SeedContext) {
	// Sealing needs a key: development has its fixed one; elsewhere only a real ENCRYPTION_KEY.
	if (!services.config.isDevelopment && !services.config.encryptionKey) return [];
	return [
		db
			.update(workspaces)
			.set({
				stripeSecretEnc: await sealStripeSecret(services.config, DEV_STRIPE_STANDIN_KEY),
				stripeSecretLast4: DEV_STRIPE_STANDIN_KEY.slice(-4),
				stripeWebhookSecretEnc: await sealStripeSecret(services.config, DEMO_STRIPE_WEBHOOK_SECRET)
			})
			.where(eq(workspaces.id, ACME.workspaceId))
	];
}
