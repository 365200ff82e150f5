import { formatDate } from '../format';
import { PdfDoc, type PdfBrand } from '../../services/pdf/document';
import { pdfBrandOf } from '../branding/pdf-brand';
import { drawLineItems } from '../line-items-pdf';
import { businessDetailsOf, fromLines, type BusinessDetails } from '../billing/business-details';
import { drawPaymentInstructions } from '../billing/business-pdf';
import type { Scope } from '../scope';
import { getQuote, type QuoteDetail } from './get-quote';
import { QUOTE_STATUS_LABELS } from './quote-status';
import { quoteTotalsRows } from './quote-totals';

/** The quote as a branded PDF: who it is for, the line items, totals, notes and expiry. */
export async function renderQuotePdf(brand: PdfBrand, detail: QuoteDetail, portalUrl: string, createdAt: number, business: BusinessDetails = { address: null, taxId: null, paymentInstructions: null }): Promise<Uint8Array> {
	const { quote } = detail;
	// Before acceptance the optional lines are offered (marked); after it, the lines not chosen are left out.
	const accepted = quote.status === 'accepted';
	const items = detail.items.filter((i) => !accepted || i.selected).map((i) => ({ ...i, description: i.optional && !accepted ? `${i.description} (optional)` : i.description }));
	const doc = await PdfDoc.create({ title: `Quote ${quote.label}`, brand, createdAt, subject: `Quote ${quote.label}: ${quote.title}` });
	await doc.heading(`Quote ${quote.label}`, 20);
	await doc.paragraph(quote.title, { bold: true, size: 13 });
	await doc.keyValues([
		['From', fromLines(brand.name, business)],
		['Prepared for', quote.clientName],
		['Date', formatDate(quote.sentAt ?? quote.createdAt)],
		['Valid until', quote.expiresOn ? formatDate(quote.expiresOn) : 'No expiry date'],
		['Version', String(quote.version)],
		['Status', QUOTE_STATUS_LABELS[quote.status]]
	]);
	await drawLineItems(doc, items, quote.currency, quoteTotalsRows(quote));
	if (!accepted && items.some((i) => i.optional)) await doc.paragraph('Optional items are not included in the total; choose them when you accept.', { muted: true, size: 9 });
	if (quote.notes) {
		await doc.heading('Notes', 13);
		await doc.paragraph(quote.notes);
	}
	await drawPaymentInstructions(doc, business, true);
	await doc.spacer(6);
	await doc.paragraph(`To accept this quote or ask for changes, open it on your portal: ${portalUrl}`, { muted: true, size: 9 });
	return doc.save();
}

/** A quote PDF for download (portal or dashboard); reading it this way does not count as an open. */
export async function downloadQuotePdf(opts: Scope & { quoteId: string }) {
	const detail = await getQuote({ ...opts, countView: false });
	const brand = await pdfBrandOf({ services: opts.services, workspace: opts.workspace });
	const bytes = await renderQuotePdf(brand, detail, opts.services.urls.portal(opts.workspace, `/quotes/${detail.quote.id}`), opts.services.clock.now(), businessDetailsOf(opts.workspace));
	return { filename: `${detail.quote.label}.pdf`, bytes };
}
