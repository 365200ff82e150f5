import { formatDate, formatMoney } from '../format';
import { PdfDoc, type PdfBrand } from '../../services/pdf/document';
import { drawLineItems } from '../line-items-pdf';
import { businessDetailsOf, fromLines } from '../billing/business-details';
import { drawPaymentInstructions } from '../billing/business-pdf';
import { taxLabel } from '../billing/tax-label';
import { cachedPdf } from '../pdf-cache';
import type { Scope } from '../scope';
import { getInvoice, type InvoiceDetail } from './get-invoice';
import { STATUS_LABELS } from './invoice-status';

/** The amounts shown under the lines, the same on the page and in the PDF. */
export function totalsRows(detail: {
	invoice: Pick<
		InvoiceDetail['invoice'],
		| 'currency'
		| 'subtotalMinor'
		| 'discountMinor'
		| 'taxBp'
		| 'taxName'
		| 'taxMinor'
		| 'totalMinor'
		| 'amountPaidMinor'
		| 'status'
	>;
	amountDueMinor: number;
}) {
	const { invoice } = detail;
	const money = (minor: number) => formatMoney(minor, invoice.currency);
	const rows: { label: string; value: string; bold?: boolean }[] = [
		{ label: 'Subtotal', value: money(invoice.subtotalMinor) }
	];
	if (invoice.discountMinor) rows.push({ label: 'Discount', value: `-${money(invoice.discountMinor)}` });
	if (invoice.taxBp) rows.push({ label: taxLabel(invoice.taxName, invoice.taxBp), value: money(invoice.taxMinor) });
	rows.push({ label: 'Total', value: money(invoice.totalMinor), bold: true });
	if (invoice.amountPaidMinor) rows.push({ label: 'Paid', value: `-${money(invoice.amountPaidMinor)}` });
	if (invoice.status !== 'void' && invoice.status !== 'draft')
		rows.push({ label: 'Amount due', value: money(detail.amountDueMinor), bold: true });
	return rows;
}

/**
 * Everything the invoice PDF draws, and nothing else: the PDF is rendered from this alone,
 * and its hash is the key of the stored copy (pdf-cache.ts). Only succeeded payments are
 * drawn, with no staff notes, so staff and the client get the same document.
 */
export function invoicePdfModel(opts: Pick<Scope, 'services' | 'workspace'>, detail: InvoiceDetail) {
	const { invoice } = detail;
	return {
		// Payment dates are days in the workspace's time zone.
		timeZone: opts.workspace.timezone,
		number: detail.number,
		displayStatus: detail.displayStatus,
		clientName: detail.clientName,
		clientAddress: detail.clientAddress,
		projectName: detail.projectName,
		amountDueMinor: detail.amountDueMinor,
		invoice: {
			id: invoice.id,
			status: invoice.status,
			issueDate: invoice.issueDate,
			dueDate: invoice.dueDate,
			currency: invoice.currency,
			subtotalMinor: invoice.subtotalMinor,
			discountMinor: invoice.discountMinor,
			taxBp: invoice.taxBp,
			taxName: invoice.taxName,
			taxMinor: invoice.taxMinor,
			totalMinor: invoice.totalMinor,
			amountPaidMinor: invoice.amountPaidMinor,
			notes: invoice.notes
		},
		items: detail.items.map((i) => ({
			description: i.description,
			quantityMilli: i.quantityMilli,
			unitPriceMinor: i.unitPriceMinor,
			amountMinor: i.amountMinor
		})),
		schedule: detail.schedule.map((s) => ({
			label: s.label,
			dueDate: s.dueDate,
			amountMinor: s.amountMinor,
			paid: s.paid,
			paidMinor: s.paidMinor,
			remainingMinor: s.remainingMinor,
			overdue: s.overdue
		})),
		business: businessDetailsOf(opts.workspace),
		paid: detail.payments
			.filter((p) => p.status === 'succeeded')
			.map((p) => ({
				paidAt: p.paidAt,
				method: p.provider === 'paystack' ? `Paystack (${p.reference})` : p.methodLabel,
				amountMinor: p.amountMinor,
				currency: p.currency
			})),
		payUrl: detail.amountDueMinor > 0 ? opts.services.urls.portal(opts.workspace, `/invoices/${invoice.id}`) : null
	};
}

export type InvoicePdfModel = ReturnType<typeof invoicePdfModel>;

/** The invoice as a branded PDF, for whoever may see it (a client: their own, never drafts). */
export async function invoicePdf(
	opts: Scope & { invoiceId: string }
): Promise<{ filename: string; bytes: Uint8Array }> {
	const detail = await getInvoice(opts);
	return { filename: `${detail.number}.pdf`, bytes: await invoicePdfBytes(opts, detail) };
}

/** The PDF of an invoice already read through its scope: the stored copy, or rendered (and stored). */
export function invoicePdfBytes(
	opts: Pick<Scope, 'services' | 'workspace'>,
	detail: InvoiceDetail
): Promise<Uint8Array> {
	const model = invoicePdfModel(opts, detail);
	return cachedPdf({
		...opts,
		kind: 'invoice',
		documentId: detail.invoice.id,
		model,
		render: (brand) => renderInvoicePdf(brand, model, opts.services.clock.now())
	});
}

export async function renderInvoicePdf(
	brand: PdfBrand,
	model: InvoicePdfModel,
	createdAt: number
): Promise<Uint8Array> {
	const { invoice, business } = model;
	const doc = await PdfDoc.create({
		title: `Invoice ${model.number}`,
		brand,
		createdAt,
		subject: `Invoice ${model.number} for ${model.clientName}`
	});
	await doc.heading(`Invoice ${model.number}`, 20);
	if (model.displayStatus !== 'sent')
		await doc.stamp(STATUS_LABELS[model.displayStatus], model.displayStatus === 'overdue' ? '#b91c1c' : undefined);
	await doc.keyValues([
		['From', fromLines(brand.name, business)],
		['Bill to', [model.clientName, model.clientAddress].filter(Boolean).join('\n')],
		...(model.projectName ? [['Project', model.projectName] as [string, string]] : []),
		['Issue date', formatDate(invoice.issueDate)],
		['Due date', formatDate(invoice.dueDate)],
		['Currency', invoice.currency]
	]);
	await drawLineItems(doc, model.items, invoice.currency, totalsRows(model));
	if (model.schedule.length) {
		await doc.paragraph('Payment schedule', { bold: true });
		await doc.table(
			[
				{ header: 'Instalment', width: 0.34 },
				{ header: 'Due', width: 0.22 },
				{ header: 'Amount', width: 0.22, align: 'right' },
				{ header: 'Status', width: 0.22, align: 'right' }
			],
			model.schedule.map((s) => [
				s.label,
				formatDate(s.dueDate),
				formatMoney(s.amountMinor, invoice.currency),
				s.paid
					? 'Paid'
					: s.paidMinor
						? `${formatMoney(s.remainingMinor, invoice.currency)} left`
						: s.overdue
							? 'Overdue'
							: 'Due'
			])
		);
	}
	if (model.paid.length) {
		await doc.paragraph('Payments received', { bold: true });
		await doc.table(
			[
				{ header: 'Date', width: 0.3 },
				{ header: 'Method', width: 0.4 },
				{ header: 'Amount', width: 0.3, align: 'right' }
			],
			model.paid.map((p) => [formatDate(p.paidAt, model.timeZone), p.method, formatMoney(p.amountMinor, p.currency)])
		);
	}
	if (invoice.notes) {
		await doc.paragraph('Notes', { bold: true });
		await doc.paragraph(invoice.notes);
	}
	await drawPaymentInstructions(doc, business, model.amountDueMinor > 0);
	if (model.payUrl) await doc.paragraph(`View and pay this invoice online: ${model.payUrl}`, { muted: true, size: 9 });
	return doc.save();
}
