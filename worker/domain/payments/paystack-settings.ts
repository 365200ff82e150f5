import { requireOwner } from '../actor';
import type { Scope } from '../scope';
import { hasPaystackKeys, usesStandIn } from '../../services/paystack-keys';

/** The URL a workspace registers as its webhook in the Paystack dashboard. */
export function webhookUrl(scope: Pick<Scope, 'services' | 'workspace'>): string {
	return scope.services.urls.app(`/webhooks/paystack/${scope.workspace.slug}`);
}

/**
 * Payment settings for the owner: the public key, only the last 4 characters of
 * the secret key (it is never shown back), and the URLs to give Paystack.
 */
export function getPaystackSettings(opts: Scope) {
	requireOwner(opts.actor);
	const { workspace, services } = opts;
	const configured = hasPaystackKeys(workspace);
	return {
		configured,
		publicKey: workspace.paystackPublicKey,
		secretLast4: workspace.paystackSecretLast4,
		mode: workspace.paystackPublicKey?.startsWith('pk_live_')
			? ('live' as const)
			: configured
				? ('test' as const)
				: null,
		webhookUrl: webhookUrl(opts),
		usesStandIn: usesStandIn(services.config, workspace),
		canStoreKeys: Boolean(services.config.encryptionKey) || services.config.isDevelopment,
		devEncryption: !services.config.encryptionKey && services.config.isDevelopment
	};
}

export type PaystackSettings = ReturnType<typeof getPaystackSettings>;
