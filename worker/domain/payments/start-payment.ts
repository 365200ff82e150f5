import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { payments } from '../../../db/schema';
import { newId } from '../../services/ids';
import { createPaystackClient } from '../../services/paystack';
import { hasPaystackKeys, openPaystackSecret, usesStandIn } from '../../services/paystack-keys';
import { requireClient } from '../actor';
import { AppError, viaService } from '../errors';
import { getInvoice } from '../invoices/get-invoice';
import { isPayable } from '../invoices/invoice-status';
import type { Scope } from '../scope';
import { amountToPay } from './amount-to-pay';
import { newPaymentReference } from './payment-reference';

/** Where the client returns after paying (Paystack appends ?trxref=...&reference=...). */
export const callbackPath = (invoiceId: string) => `/invoices/${invoiceId}/paid`;

const inputSchema = z.object({ instalmentId: z.string().trim().max(64).optional().catch(undefined) }).catch({});

/**
 * "Pay now": the client pays what is due on one of their invoices, or with a
 * payment schedule the next instalment or a chosen one (`input.instalmentId`,
 * amount-to-pay.ts). Records a pending payment with our own reference, then
 * asks Paystack for a checkout (transaction/initialize with the amount in
 * minor units) and returns its URL. In development, for a workspace without
 * keys, the URL is the local stand-in checkout instead.
 */
export async function startPayment(opts: Scope & { invoiceId: string; input?: unknown }): Promise<{ url: string; reference: string }> {
	const client = requireClient(opts.actor);
	const { services, workspace } = opts;
	const detail = await getInvoice(opts);
	const { invoice } = detail;
	if (!isPayable(invoice)) throw new AppError('conflict', invoice.status === 'paid' ? `${detail.number} is already paid.` : `${detail.number} cannot be paid online.`);
	const { amountMinor, instalmentId } = amountToPay(detail, inputSchema.parse(opts.input ?? {}).instalmentId || null);
	const standIn = usesStandIn(services.config, workspace);
	if (!standIn && !hasPaystackKeys(workspace)) throw new AppError('conflict', 'Online payment is not available for this invoice. Please contact us to pay.');
	const secretKey = standIn ? null : await viaService(() => openPaystackSecret(services.config, workspace));
	if (!standIn && !secretKey) throw new AppError('upstream_unavailable', 'Online payment is not available right now. Please try again later or contact us.');

	const now = services.clock.now();
	const reference = newPaymentReference();
	const paymentId = newId('pay');
	await services.db.insert(payments).values({
		id: paymentId,
		workspaceId: workspace.id,
		clientId: invoice.clientId,
		invoiceId: invoice.id,
		provider: 'paystack',
		reference,
		amountMinor,
		currency: invoice.currency,
		status: 'pending',
		instalmentId,
		createdAt: now,
		updatedAt: now
	});
	if (standIn) return { url: `/dev/paystack/checkout?reference=${reference}`, reference };

	try {
		const paystack = createPaystackClient({ fetch: services.fetch, secretKey: secretKey! });
		const checkout = await viaService(() =>
			paystack.initialize({
				email: client.email,
				amountMinor,
				currency: invoice.currency,
				reference,
				callbackUrl: services.urls.portal(workspace, callbackPath(invoice.id)),
				metadata: {
					invoice_id: invoice.id,
					invoice_number: detail.number,
					workspace: workspace.slug,
					cancel_action: services.urls.portal(workspace, `/invoices/${invoice.id}`)
				}
			})
		);
		return { url: checkout.authorizationUrl, reference };
	} catch (error) {
		const reason = error instanceof AppError ? error.message : 'Paystack could not be reached';
		await services.db
			.update(payments)
			.set({ status: 'failed', failureReason: reason.slice(0, 300), updatedAt: services.clock.now() })
			.where(and(eq(payments.id, paymentId), eq(payments.status, 'pending')));
		throw error;
	}
}
