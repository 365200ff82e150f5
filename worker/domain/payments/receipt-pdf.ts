import { formatDate, formatMoney } from '../format';
import { PdfDoc } from '../../services/pdf/document';
import { businessDetailsOf, fromLines } from '../billing/business-details';
import { drawPaymentInstructions } from '../billing/business-pdf';
import { pdfBrandOf } from '../branding/pdf-brand';
import { notFound } from '../errors';
import { getInvoice, type InvoiceDetail } from '../invoices/get-invoice';
import type { Scope } from '../scope';

/**
 * A receipt for one succeeded payment: who paid whom (with the business's address and tax ID),
 * for which invoice, when, how, and what is still due; the payment instructions when something is.
 * Attached to the client's receipt email and downloadable from the invoice page.
 */
export async function renderReceiptPdf(opts: Scope, detail: InvoiceDetail, paymentId: string): Promise<Uint8Array> {
	const payment = detail.payments.find((p) => p.id === paymentId && p.status === 'succeeded');
	if (!payment) throw notFound('That receipt');
	const brand = await pdfBrandOf(opts);
	const business = businessDetailsOf(opts.workspace);
	const doc = await PdfDoc.create({
		title: `Receipt for ${detail.number}`,
		brand,
		createdAt: opts.services.clock.now(),
		subject: `Receipt: ${formatMoney(payment.amountMinor, payment.currency)} paid on invoice ${detail.number}`
	});
	await doc.heading('Receipt', 20);
	await doc.keyValues([
		['From', fromLines(brand.name, business)],
		['Received from', [detail.clientName, detail.clientAddress].filter(Boolean).join('\n')],
		['Invoice', detail.number],
		['Date paid', formatDate(payment.paidAt)],
		[
			'Paid by',
			payment.provider === 'manual' ? payment.methodLabel : `${payment.methodLabel} (reference ${payment.reference})`
		],
		...(payment.instalmentId
			? [
					['For', detail.schedule.find((s) => s.id === payment.instalmentId)?.label ?? 'An instalment'] as [
						string,
						string
					]
				]
			: [])
	]);
	await doc.totals([
		{ label: 'Amount received', value: formatMoney(payment.amountMinor, payment.currency), bold: true },
		{ label: 'Invoice total', value: formatMoney(detail.invoice.totalMinor, detail.invoice.currency) },
		{ label: 'Still due', value: formatMoney(detail.amountDueMinor, detail.invoice.currency) }
	]);
	await drawPaymentInstructions(doc, business, detail.amountDueMinor > 0);
	await doc.paragraph('Thank you for your payment.', { muted: true, size: 9 });
	return doc.save();
}

/** A receipt for download, for whoever may see the invoice (a client: their own succeeded payments only). */
export async function receiptPdf(
	opts: Scope & { invoiceId: string; paymentId: string }
): Promise<{ filename: string; bytes: Uint8Array }> {
	const detail = await getInvoice(opts);
	return { filename: `Receipt ${detail.number}.pdf`, bytes: await renderReceiptPdf(opts, detail, opts.paymentId) };
}
