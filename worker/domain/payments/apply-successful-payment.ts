import { and, eq, ne } from 'drizzle-orm';
import { invoices, payments, webhookEvents } from '../../../db/schema';
import { formatMoney } from '../format';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { formatInvoiceNumber } from '../invoices/invoice-number';
import { refreshPaidAmount } from '../invoices/refresh-paid-amount';
import type { Scope } from '../scope';
import { PROVIDER_LABELS } from './providers';
import type { ReusableCard } from './reusable-card';
import { sendReceipts } from './send-receipts';

type Payment = typeof payments.$inferSelect;
type Invoice = Pick<typeof invoices.$inferSelect, 'id' | 'number' | 'status' | 'clientId' | 'projectId'> & {
	recurringInvoiceId?: string | null;
};

/** The payment and the invoice columns applySuccessfulPayment needs: a select joined on the payment's invoice. */
export const paymentToApply = {
	payment: payments,
	invoice: {
		id: invoices.id,
		number: invoices.number,
		status: invoices.status,
		clientId: invoices.clientId,
		projectId: invoices.projectId,
		recurringInvoiceId: invoices.recurringInvoiceId
	}
};

/**
 * Marks a payment succeeded and applies it to its invoice, exactly once, in one
 * batch. Whoever gets here first (webhook, callback page, a repeated or
 * concurrent delivery) flips the payment with a conditional UPDATE; the invoice
 * amount is re-derived from succeeded payments, the activity entry has an id
 * fixed by the payment, and the webhook event row is keyed by event + reference,
 * so running this again changes nothing. Only the caller whose UPDATE changed
 * the row sends the receipts.
 */
export async function applySuccessfulPayment(
	scope: Pick<Scope, 'services' | 'workspace'>,
	args: {
		payment: Payment;
		invoice: Invoice;
		providerTransactionId: string | null;
		paidAt: number;
		webhookEvent?: string;
		reusable?: ReusableCard | null;
	}
): Promise<{ applied: boolean }> {
	const { services, workspace } = scope;
	const db = services.db;
	const now = services.clock.now();
	const { payment, invoice } = args;
	const provider = payment.provider === 'manual' ? 'paystack' : payment.provider;
	const label = PROVIDER_LABELS[provider];
	const system = { services, workspace, actor: { kind: 'system' as const, name: label } };
	const number = formatInvoiceNumber(invoice.number);
	const note =
		invoice.status === 'void'
			? ` (the invoice is void: refund this payment in ${label})`
			: invoice.status === 'paid'
				? ` (the invoice was already paid in full: refund this payment in ${label})`
				: '';
	const [flipped] = await db.batch([
		db
			.update(payments)
			.set({
				status: 'succeeded',
				providerTransactionId: args.providerTransactionId,
				paidAt: args.paidAt,
				failureReason: null,
				updatedAt: now,
				...(args.reusable
					? {
							reusableAuthEnc: args.reusable.authEnc,
							reusableAuthLabel: args.reusable.label,
							providerCustomer: args.reusable.customer
						}
					: {})
			})
			.where(and(eq(payments.id, payment.id), eq(payments.workspaceId, workspace.id), ne(payments.status, 'succeeded')))
			.returning({ id: payments.id }),
		...refreshPaidAmount(db, { workspaceId: workspace.id, invoiceId: invoice.id, now }),
		activityInsert(system, {
			verb: 'invoice.payment_received',
			summary: `Payment of ${formatMoney(payment.amountMinor, payment.currency)} received for ${number} via ${label}${note}`,
			clientId: invoice.clientId,
			projectId: invoice.projectId,
			subjectType: 'payment',
			subjectId: payment.id,
			id: `act_pay_${payment.id}`
		}).onConflictDoNothing(),
		...(args.webhookEvent
			? [
					db
						.insert(webhookEvents)
						.values({
							id: newId('whe'),
							provider,
							event: args.webhookEvent,
							reference: payment.reference,
							workspaceId: workspace.id,
							outcome: 'processed',
							receivedAt: now
						})
						.onConflictDoNothing()
				]
			: [])
	]);
	const applied = (flipped as { id: string }[]).length === 1;
	if (applied) services.defer(sendReceipts(scope, payment.id));
	return { applied };
}
