import { hasStripeKeys, usesStripeStandIn } from '../../services/stripe-keys';
import { requireOwner } from '../actor';
import type { Scope } from '../scope';

/** The URL a workspace adds as a webhook endpoint in the Stripe dashboard (event: checkout.session.completed). */
export function stripeWebhookUrl(scope: Pick<Scope, 'services' | 'workspace'>): string {
	return scope.services.urls.app(`/webhooks/stripe/${scope.workspace.slug}`);
}

/** Stripe settings for the owner: connected or not, the key's last 4 characters (never the key), the webhook URL. */
export function getStripeSettings(opts: Scope) {
	requireOwner(opts.actor);
	const { workspace, services } = opts;
	const configured = hasStripeKeys(workspace);
	return {
		configured,
		secretLast4: workspace.stripeSecretLast4,
		hasWebhookSecret: Boolean(workspace.stripeWebhookSecretEnc),
		webhookUrl: stripeWebhookUrl(opts),
		usesStandIn: usesStripeStandIn(services.config, workspace),
		canStoreKeys: Boolean(services.config.encryptionKey) || services.config.isDevelopment
	};
}

export type StripeSettings = ReturnType<typeof getStripeSettings>;
