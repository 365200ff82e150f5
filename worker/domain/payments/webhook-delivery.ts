import { and, eq } from 'drizzle-orm';
import { invoices, payments, webhookEvents, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { AppError } from '../errors';
import { paymentToApply } from './apply-successful-payment';

/** The parts of a provider's webhook delivery both handlers check before trusting anything in it. */
export type WebhookDelivery = {
	services: Services;
	workspaceSlug: string;
	rawBody: Uint8Array;
	signature: string | undefined;
};

export type WebhookResult = { outcome: 'applied' | 'duplicate' | 'ignored' };

type WebhookProvider = 'paystack' | 'stripe';
type LogContext = Record<string, unknown>;

/** Refuses a delivery; nothing has changed. Logged without the body, the signature or any key. */
export type RejectWebhook = (
	code: 'unauthenticated' | 'not_found' | 'conflict' | 'bad_request',
	why: string,
	context: LogContext
) => never;

export function webhookRejecter(provider: WebhookProvider): RejectWebhook {
	return (code, why, context) => {
		console.warn(`${provider} webhook rejected: ${why}`, context);
		throw new AppError(code, `Webhook rejected: ${why}.`);
	};
}

/** The workspace whose URL the delivery came to (its slug), with the log context naming it; unknown: rejected. */
export async function webhookWorkspace(opts: WebhookDelivery, provider: WebhookProvider) {
	const reject: RejectWebhook = webhookRejecter(provider);
	const context: LogContext = { workspace: opts.workspaceSlug.slice(0, 64) };
	const workspace = await opts.services.db
		.select()
		.from(workspaces)
		.where(eq(workspaces.slug, opts.workspaceSlug))
		.get();
	if (!workspace) reject('not_found', 'unknown workspace', context);
	return { workspace, context };
}

/**
 * In one round trip: whether this event was already recorded for the reference (webhook_events),
 * and the workspace's payment from this provider with that reference, joined to its invoice
 * (undefined when there is none).
 */
export async function findWebhookPayment(
	services: Services,
	args: { provider: WebhookProvider; workspaceId: string; event: string; reference: string }
) {
	const db = services.db;
	const [seen, rows] = await db.batch([
		db
			.select({ id: webhookEvents.id })
			.from(webhookEvents)
			.where(
				and(
					eq(webhookEvents.provider, args.provider),
					eq(webhookEvents.event, args.event),
					eq(webhookEvents.reference, args.reference)
				)
			),
		db
			.select(paymentToApply)
			.from(payments)
			.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
			.where(
				and(
					eq(payments.workspaceId, args.workspaceId),
					eq(payments.reference, args.reference),
					eq(payments.provider, args.provider)
				)
			)
	]);
	return { seen: seen.length > 0, row: rows[0] };
}
