import type { PaymentProvider } from '../../../db/schema';
import type { AppConfig } from '../../services/config';
import { hasPaystackKeys, usesStandIn } from '../../services/paystack-keys';
import { hasStripeKeys } from '../../services/stripe-keys';
import type { workspaces } from '../../../db/schema';

type Workspace = typeof workspaces.$inferSelect;

export const PROVIDER_LABELS: Record<PaymentProvider, string> = { paystack: 'Paystack', stripe: 'Stripe' };

/**
 * The providers a client can pay this workspace with: Paystack with its keys (or the local stand-in
 * in development), Stripe with its keys (or its stand-in key in development). One or both; when
 * both, the client picks on the invoice page.
 */
export function availableProviders(config: AppConfig, workspace: Workspace): PaymentProvider[] {
	const list: PaymentProvider[] = [];
	if (hasPaystackKeys(workspace) || usesStandIn(config, workspace)) list.push('paystack');
	if (hasStripeKeys(workspace)) list.push('stripe');
	return list;
}
