import { and, eq } from 'drizzle-orm';
import { clientContacts, invoices, payments, workspaces } from '../../../db/schema';
import type { Services } from '../../services';
import { hmacHex } from '../../services/crypto';
import { DEV_STANDIN_SECRET, usesStandIn } from '../../services/paystack-keys';
import { notFound } from '../errors';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import { PAYMENT_REFERENCE } from './payment-reference';

/**
 * Development only: a stand-in for Paystack's hosted checkout, so the whole
 * payment path (Pay now -> checkout -> signed charge.success webhook through the
 * real route -> callback page) runs offline. It serves only payments of
 * workspaces without Paystack keys, and only in development (the route is 404
 * otherwise).
 */
export function standInCheckout({ services, reference }: { services: Services; reference: string }) {
	return findStandInPayment(services, reference, 'paystack', usesStandIn);
}

/**
 * The pending payment a development stand-in checkout (Paystack's here, Stripe's in
 * stripe-stand-in-checkout.ts) may complete: in development only, by its reference, of that
 * provider, and of a workspace connected to the stand-in. Not found otherwise.
 */
export async function findStandInPayment(
	services: Services,
	reference: string,
	provider: 'paystack' | 'stripe',
	isStandIn: (config: Services['config'], workspace: typeof workspaces.$inferSelect) => boolean
) {
	if (!services.config.isDevelopment || !PAYMENT_REFERENCE.test(reference)) throw notFound('That checkout');
	const row = await services.db
		.select({ payment: payments, number: invoices.number, workspace: workspaces })
		.from(payments)
		.innerJoin(invoices, eq(invoices.id, payments.invoiceId))
		.innerJoin(workspaces, eq(workspaces.id, payments.workspaceId))
		.where(and(eq(payments.reference, reference), eq(payments.provider, provider)))
		.get();
	if (!row || !isStandIn(services.config, row.workspace)) throw notFound('That checkout');
	return { payment: row.payment, workspace: row.workspace, invoiceNumber: formatInvoiceNumber(row.number) };
}

/**
 * The charge.success event Paystack would send for this payment (same shape as
 * its webhook: event + transaction data), signed like Paystack signs: hex
 * HMAC-SHA512 of the body with the stand-in's development secret.
 */
export async function standInChargeSuccess({ services, reference }: { services: Services; reference: string }) {
	const { payment, workspace, invoiceNumber } = await standInCheckout({ services, reference });
	const contact = await services.db
		.select({ email: clientContacts.email })
		.from(clientContacts)
		.where(eq(clientContacts.clientId, payment.clientId))
		.get();
	const now = new Date(services.clock.now()).toISOString();
	const body = JSON.stringify({
		event: 'charge.success',
		data: {
			id: Math.floor(Math.random() * 1e9),
			domain: 'test',
			status: 'success',
			reference: payment.reference,
			amount: payment.amountMinor,
			message: null,
			gateway_response: 'Successful',
			paid_at: now,
			created_at: now,
			channel: 'card',
			currency: payment.currency,
			ip_address: '127.0.0.1',
			metadata: { invoice_id: payment.invoiceId, invoice_number: invoiceNumber, workspace: workspace.slug },
			fees: 0,
			customer: { email: contact?.email ?? 'client@example.test' },
			authorization: {
				authorization_code: 'AUTH_standin',
				bin: '408408',
				last4: '4081',
				channel: 'card',
				card_type: 'visa',
				bank: 'TEST BANK',
				country_code: 'NG',
				brand: 'visa',
				reusable: true
			}
		}
	});
	return {
		workspaceSlug: workspace.slug,
		invoiceId: payment.invoiceId,
		body,
		signature: await hmacHex('SHA-512', DEV_STANDIN_SECRET, body)
	};
}
