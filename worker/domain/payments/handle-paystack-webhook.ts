import { z } from 'zod';
import { hmacHex, timingSafeEqualText } from '../../services/crypto';
import { paystackTransaction } from '../../services/paystack';
import { webhookSecret } from '../../services/paystack-keys';
import { viaService } from '../errors';
import { applySuccessfulPayment } from './apply-successful-payment';
import { paidAtOf, transactionMismatch } from './check-transaction';
import { paystackReusableCard } from './reusable-card';
import {
	findWebhookPayment,
	webhookRejecter,
	webhookWorkspace,
	type RejectWebhook,
	type WebhookDelivery,
	type WebhookResult
} from './webhook-delivery';

const reject: RejectWebhook = webhookRejecter('paystack');

const envelope = z.object({ event: z.string().min(1).max(100), data: z.unknown() });

/**
 * POST /webhooks/paystack/:workspace. Which workspace's key signs the delivery
 * comes from the URL (each workspace registers its own URL in its Paystack
 * dashboard), so the signature - hex HMAC-SHA512 of the raw body with that key,
 * compared in constant time - is checked before the body is parsed or trusted.
 * Then charge.success is re-checked against our pending payment (reference,
 * status, amount, currency) and applied exactly once. Rejections change nothing.
 */
export async function handlePaystackWebhook(opts: WebhookDelivery): Promise<WebhookResult> {
	const { services } = opts;
	const { workspace, context } = await webhookWorkspace(opts, 'paystack');
	const secret = await viaService(() => webhookSecret(services.config, workspace));
	if (!secret) reject('unauthenticated', 'the workspace has no Paystack keys', context);
	const expected = await hmacHex('SHA-512', secret, opts.rawBody);
	if (!opts.signature || !timingSafeEqualText(expected, opts.signature.trim().toLowerCase()))
		reject('unauthenticated', 'bad signature', context);

	// From here on the body is known to come from Paystack (or the dev stand-in).
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder().decode(opts.rawBody));
	} catch {
		reject('bad_request', 'body is not JSON', context);
	}
	const event = envelope.safeParse(json);
	if (!event.success) reject('bad_request', 'not a Paystack event', context);
	if (event.data.event !== 'charge.success') return { outcome: 'ignored' };
	const tx = paystackTransaction.safeParse(event.data.data);
	if (!tx.success) reject('bad_request', 'charge.success without a transaction', context);
	const reference = tx.data.reference;
	const logContext = { ...context, reference: reference.slice(0, 100) };

	const { seen, row } = await findWebhookPayment(services, {
		provider: 'paystack',
		workspaceId: workspace.id,
		event: event.data.event,
		reference
	});
	if (!row) reject('not_found', 'unknown reference', logContext);
	if (seen) return { outcome: 'duplicate' };
	const mismatch = transactionMismatch(row.payment, tx.data);
	if (mismatch) reject('conflict', `${mismatch} does not match the payment`, logContext);

	const { applied } = await applySuccessfulPayment(
		{ services, workspace },
		{
			payment: row.payment,
			invoice: row.invoice,
			providerTransactionId: tx.data.id,
			paidAt: paidAtOf(tx.data, services.clock.now()),
			webhookEvent: event.data.event,
			reusable: await paystackReusableCard(services.config, tx.data, row.invoice)
		}
	);
	return { outcome: applied ? 'applied' : 'duplicate' };
}
