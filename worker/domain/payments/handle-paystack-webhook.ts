import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { invoices, payments, webhookEvents, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { hmacHex, timingSafeEqualText } from '../../services/crypto';
import { paystackTransaction } from '../../services/paystack';
import { webhookSecret } from '../../services/paystack-keys';
import { AppError, viaService } from '../errors';
import { applySuccessfulPayment } from './apply-successful-payment';
import { paidAtOf, transactionMismatch } from './check-transaction';
import { paystackReusableCard } from './reusable-card';

export type WebhookResult = { outcome: 'applied' | 'duplicate' | 'ignored' };

const envelope = z.object({ event: z.string().min(1).max(100), data: z.unknown() });

function reject(
	code: 'unauthenticated' | 'not_found' | 'conflict' | 'bad_request',
	why: string,
	context: Record<string, unknown>
): never {
	// Logged without the body, the signature or any key.
	console.warn(`paystack webhook rejected: ${why}`, context);
	throw new AppError(code, `Webhook rejected: ${why}.`);
}

/**
 * POST /webhooks/paystack/:workspace. Which workspace's key signs the delivery
 * comes from the URL (each workspace registers its own URL in its Paystack
 * dashboard), so the signature - hex HMAC-SHA512 of the raw body with that key,
 * compared in constant time - is checked before the body is parsed or trusted.
 * Then charge.success is re-checked against our pending payment (reference,
 * status, amount, currency) and applied exactly once. Rejections change nothing.
 */
export async function handlePaystackWebhook(opts: {
	services: Services;
	workspaceSlug: string;
	rawBody: Uint8Array;
	signature: string | undefined;
}): Promise<WebhookResult> {
	const { services } = opts;
	const db = services.db;
	const context = { workspace: opts.workspaceSlug.slice(0, 64) };
	const workspace = await db.select().from(workspaces).where(eq(workspaces.slug, opts.workspaceSlug)).get();
	if (!workspace) reject('not_found', 'unknown workspace', context);
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

	const [seen, rows] = await db.batch([
		db
			.select({ id: webhookEvents.id })
			.from(webhookEvents)
			.where(
				and(
					eq(webhookEvents.provider, 'paystack'),
					eq(webhookEvents.event, event.data.event),
					eq(webhookEvents.reference, reference)
				)
			),
		db
			.select({
				payment: payments,
				invoice: {
					id: invoices.id,
					number: invoices.number,
					status: invoices.status,
					clientId: invoices.clientId,
					projectId: invoices.projectId,
					recurringInvoiceId: invoices.recurringInvoiceId
				}
			})
			.from(payments)
			.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
			.where(
				and(
					eq(payments.workspaceId, workspace.id),
					eq(payments.reference, reference),
					eq(payments.provider, 'paystack')
				)
			)
	]);
	const row = rows[0];
	if (!row) reject('not_found', 'unknown reference', logContext);
	if (seen.length) return { outcome: 'duplicate' };
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
