import { formatDate, formatMoney } from '../format';
import { PdfDoc } from '../../services/pdf/document';
import { pdfBrandOf } from '../branding/pdf-brand';
import { drawLineItems } from '../line-items-pdf';
import { businessDetailsOf, fromLines } from '../billing/business-details';
import { drawPaymentInstructions } from '../billing/business-pdf';
import { taxLabel } from '../billing/tax-label';
import type { Scope } from '../scope';
import { getInvoice, type InvoiceDetail } from './get-invoice';
import { STATUS_LABELS } from './invoice-status';

/** The amounts shown under the lines, the same on the page and in the PDF. */
export function totalsRows(detail: Pick<InvoiceDetail, 'invoice' | 'amountDueMinor'>) {
	const { invoice } = detail;
	const money = (minor: number) => formatMoney(minor, invoice.currency);
	const rows: { label: string; value: string; bold?: boolean }[] = [{ label: 'Subtotal', value: money(invoice.subtotalMinor) }];
	if (invoice.discountMinor) rows.push({ label: 'Discount', value: `-${money(invoice.discountMinor)}` });
	if (invoice.taxBp) rows.push({ label: taxLabel(invoice.taxName, invoice.taxBp), value: money(invoice.taxMinor) });
	rows.push({ label: 'Total', value: money(invoice.totalMinor), bold: true });
	if (invoice.amountPaidMinor) rows.push({ label: 'Paid', value: `-${money(invoice.amountPaidMinor)}` });
	if (invoice.status !== 'void' && invoice.status !== 'draft') rows.push({ label: 'Amount due', value: money(detail.amountDueMinor), bold: true });
	return rows;
}

/** The invoice as a branded PDF, for whoever may see it (a client: their own, never drafts). */
export async function invoicePdf(opts: Scope & { invoiceId: string }): Promise<{ filename: string; bytes: Uint8Array }> {
	const detail = await getInvoice(opts);
	return { filename: `${detail.number}.pdf`, bytes: await renderInvoicePdf(opts, detail) };
}

export async function renderInvoicePdf(opts: Scope, detail: InvoiceDetail): Promise<Uint8Array> {
	const { invoice } = detail;
	const brand = await pdfBrandOf(opts);
	const doc = await PdfDoc.create({ title: `Invoice ${detail.number}`, brand, createdAt: opts.services.clock.now(), subject: `Invoice ${detail.number} for ${detail.clientName}` });
	await doc.heading(`Invoice ${detail.number}`, 20);
	if (detail.displayStatus !== 'sent') await doc.stamp(STATUS_LABELS[detail.displayStatus], detail.displayStatus === 'overdue' ? '#b91c1c' : undefined);
	const business = businessDetailsOf(opts.workspace);
	await doc.keyValues([
		['From', fromLines(brand.name, business)],
		['Bill to', [detail.clientName, detail.clientAddress].filter(Boolean).join('\n')],
		...(detail.projectName ? [['Project', detail.projectName] as [string, string]] : []),
		['Issue date', formatDate(invoice.issueDate)],
		['Due date', formatDate(invoice.dueDate)],
		['Currency', invoice.currency]
	]);
	await drawLineItems(doc, detail.items, invoice.currency, totalsRows(detail));
	if (detail.schedule.length) {
		await doc.paragraph('Payment schedule', { bold: true });
		await doc.table(
			[
				{ header: 'Instalment', width: 0.34 },
				{ header: 'Due', width: 0.22 },
				{ header: 'Amount', width: 0.22, align: 'right' },
				{ header: 'Status', width: 0.22, align: 'right' }
			],
			detail.schedule.map((s) => [s.label, formatDate(s.dueDate), formatMoney(s.amountMinor, invoice.currency), s.paid ? 'Paid' : s.paidMinor ? `${formatMoney(s.remainingMinor, invoice.currency)} left` : s.overdue ? 'Overdue' : 'Due'])
		);
	}
	const paid = detail.payments.filter((p) => p.status === 'succeeded');
	if (paid.length) {
		await doc.paragraph('Payments received', { bold: true });
		await doc.table(
			[
				{ header: 'Date', width: 0.3 },
				{ header: 'Method', width: 0.4 },
				{ header: 'Amount', width: 0.3, align: 'right' }
			],
			paid.map((p) => [formatDate(p.paidAt), p.provider === 'paystack' ? `Paystack (${p.reference})` : p.methodLabel, formatMoney(p.amountMinor, p.currency)])
		);
	}
	if (invoice.notes) {
		await doc.paragraph('Notes', { bold: true });
		await doc.paragraph(invoice.notes);
	}
	await drawPaymentInstructions(doc, business, detail.amountDueMinor > 0);
	if (detail.amountDueMinor > 0) await doc.paragraph(`View and pay this invoice online: ${opts.services.urls.portal(opts.workspace, `/invoices/${invoice.id}`)}`, { muted: true, size: 9 });
	return doc.save();
}
