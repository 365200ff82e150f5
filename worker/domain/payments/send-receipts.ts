import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { formatDate, formatMoney } from '../format';
import { brandOf } from '../branding/brand';
import { getInvoice } from '../invoices/get-invoice';
import { invoicePdfBytes } from '../invoices/invoice-pdf';
import { emailClientContacts, emailStaff } from '../notifications/notify';
import type { Scope } from '../scope';
import { METHOD_LABELS } from './payment-methods';
import { renderReceiptPdf } from './receipt-pdf';
import { PAYSTACK_ACTOR } from './paystack-actor';

const methodLabel = (method: string | null) =>
	(method && method in METHOD_LABELS ? METHOD_LABELS[method as keyof typeof METHOD_LABELS] : 'Other').toLowerCase();

/**
 * Receipt emails for a succeeded payment (Paystack, or recorded by staff: then
 * the method instead of a reference): the client's contacts get a receipt
 * with the invoice PDF (now showing the payment), staff get a note. Idempotency
 * keys per payment make a second call send nothing.
 */
export async function sendReceipts(scope: Pick<Scope, 'services' | 'workspace'>, paymentId: string) {
	const system: Scope = { ...scope, actor: PAYSTACK_ACTOR };
	const { services, workspace } = scope;
	const payment = await services.db.query.payments.findFirst({
		where: (p, { and, eq }) => and(eq(p.id, paymentId), eq(p.workspaceId, workspace.id))
	});
	if (!payment || payment.status !== 'succeeded') return;
	const detail = await getInvoice({ ...system, invoiceId: payment.invoiceId });
	const amount = formatMoney(payment.amountMinor, payment.currency);
	const due = formatMoney(detail.amountDueMinor, detail.invoice.currency);
	const brand = brandOf(workspace, services.urls);
	const settled = detail.amountDueMinor === 0;
	const overpaidMinor = detail.invoice.amountPaidMinor - detail.invoice.totalMinor;
	const manual = payment.provider === 'manual';
	const how = manual ? ` by ${methodLabel(payment.method)}` : '';
	const reference = manual ? '' : ` Payment reference: ${payment.reference}.`;
	const pdf = await invoicePdfBytes(system, detail);
	const receipt = await renderReceiptPdf(system, detail, payment.id);
	const recorder = payment.recordedByUserId
		? (await services.db.select({ name: users.name }).from(users).where(eq(users.id, payment.recordedByUserId)).get())
				?.name
		: null;
	await emailClientContacts(system, detail.invoice.clientId, {
		subject: `Receipt: ${amount} paid on invoice ${detail.number}`,
		tag: 'payment-receipt',
		idempotencyKey: `receipt:${payment.id}`,
		attachments: [
			{ filename: `Receipt ${detail.number}.pdf`, contentType: 'application/pdf', content: receipt },
			{ filename: `${detail.number}.pdf`, contentType: 'application/pdf', content: pdf }
		],
		content: (timeZone) => ({
			preheader: `Thank you: ${amount} received`,
			heading: 'Thank you for your payment',
			paragraphs: [
				`We received ${amount}${how} for invoice ${detail.number} on ${formatDate(payment.paidAt, timeZone)}.${reference}`,
				settled ? `Invoice ${detail.number} is now paid in full.` : `${due} is still due on invoice ${detail.number}.`,
				`Your receipt and the invoice, with this payment on it, are attached and on your portal at ${brand.name}.`
			],
			button: { label: 'View invoice', url: services.urls.portal(workspace, `/invoices/${detail.invoice.id}`) }
		})
	});
	await emailStaff(
		system,
		'payments',
		{
			subject: `Payment received: ${amount} for ${detail.number} (${detail.clientName})`,
			tag: 'payment-received',
			idempotencyKey: `receipt-staff:${payment.id}`,
			content: (timeZone) => ({
				heading: `${detail.clientName} paid ${amount}`,
				paragraphs: [
					manual
						? `${amount} paid${how} on ${formatDate(payment.paidAt, timeZone)} was recorded for invoice ${detail.number}${recorder ? ` by ${recorder}` : ''}${payment.note ? ` (note: ${payment.note})` : ''}.`
						: `${amount} was paid through Paystack for invoice ${detail.number} (reference ${payment.reference}).`,
					settled ? `${detail.number} is now paid in full.` : `${due} is still due.`,
					...(detail.invoice.status === 'void'
						? ['This invoice is void: refund the payment in your Paystack dashboard.']
						: []),
					// A checkout paid after the invoice was settled another way (a manual payment, a second checkout).
					...(detail.invoice.status !== 'void' && overpaidMinor > 0
						? [
								`${detail.number} is now overpaid by ${formatMoney(overpaidMinor, detail.invoice.currency)}: refund the difference${manual ? '' : ' in your Paystack dashboard'}.`
							]
						: [])
				],
				button: { label: 'Open invoice', url: services.urls.app(`/invoices/${detail.invoice.id}`) }
			})
			// Whoever recorded a manual payment knows already; the rest of the team is told.
		},
		{ exceptUserId: payment.recordedByUserId ?? undefined }
	);
}
