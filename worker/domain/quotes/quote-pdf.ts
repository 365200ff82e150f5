import { formatDate } from '../format';
import { PdfDoc, type PdfBrand } from '../../services/pdf/document';
import { cachedPdf } from '../pdf-cache';
import { drawLineItems } from '../line-items-pdf';
import { businessDetailsOf, fromLines } from '../billing/business-details';
import { drawPaymentInstructions } from '../billing/business-pdf';
import type { Scope } from '../scope';
import { getQuote, type QuoteDetail } from './get-quote';
import { QUOTE_STATUS_LABELS } from './quote-status';
import { quoteTotalsRows } from './quote-totals';

/** Everything the quote PDF draws, and nothing else (rendered from this alone; its hash keys the stored copy). */
export function quotePdfModel(opts: Pick<Scope, 'services' | 'workspace'>, detail: QuoteDetail) {
	const { quote } = detail;
	// Before acceptance the optional lines are offered (marked); after it, the lines not chosen are left out.
	const accepted = quote.status === 'accepted';
	return {
		accepted,
		business: businessDetailsOf(opts.workspace),
		quote: {
			id: quote.id,
			label: quote.label,
			title: quote.title,
			clientName: quote.clientName,
			sentAt: quote.sentAt,
			createdAt: quote.createdAt,
			expiresOn: quote.expiresOn,
			version: quote.version,
			status: quote.status,
			currency: quote.currency,
			subtotalMinor: quote.subtotalMinor,
			discountMinor: quote.discountMinor,
			taxBp: quote.taxBp,
			taxName: quote.taxName,
			taxMinor: quote.taxMinor,
			totalMinor: quote.totalMinor,
			notes: quote.notes
		},
		items: detail.items
			.filter((i) => !accepted || i.selected)
			.map((i) => ({
				description: i.optional && !accepted ? `${i.description} (optional)` : i.description,
				optional: i.optional,
				quantityMilli: i.quantityMilli,
				unitPriceMinor: i.unitPriceMinor,
				amountMinor: i.amountMinor
			})),
		// The date is the day in the workspace's time zone.
		timeZone: opts.workspace.timezone,
		portalUrl: opts.services.urls.portal(opts.workspace, `/quotes/${quote.id}`)
	};
}

export type QuotePdfModel = ReturnType<typeof quotePdfModel>;

/** The quote as a branded PDF: who it is for, the line items, totals, notes and expiry. */
export async function renderQuotePdf(brand: PdfBrand, model: QuotePdfModel, createdAt: number): Promise<Uint8Array> {
	const { quote, items, accepted, business } = model;
	const doc = await PdfDoc.create({
		title: `Quote ${quote.label}`,
		brand,
		createdAt,
		subject: `Quote ${quote.label}: ${quote.title}`
	});
	await doc.heading(`Quote ${quote.label}`, 20);
	await doc.paragraph(quote.title, { bold: true, size: 13 });
	await doc.keyValues([
		['From', fromLines(brand.name, business)],
		['Prepared for', quote.clientName],
		['Date', formatDate(quote.sentAt ?? quote.createdAt, model.timeZone)],
		['Valid until', quote.expiresOn ? formatDate(quote.expiresOn) : 'No expiry date'],
		['Version', String(quote.version)],
		['Status', QUOTE_STATUS_LABELS[quote.status]]
	]);
	await drawLineItems(doc, items, quote.currency, quoteTotalsRows(quote));
	if (!accepted && items.some((i) => i.optional))
		await doc.paragraph('Optional items are not included in the total; choose them when you accept.', {
			muted: true,
			size: 9
		});
	if (quote.notes) {
		await doc.heading('Notes', 13);
		await doc.paragraph(quote.notes);
	}
	await drawPaymentInstructions(doc, business, true);
	await doc.spacer(6);
	await doc.paragraph(`To accept this quote or ask for changes, open it on your portal: ${model.portalUrl}`, {
		muted: true,
		size: 9
	});
	return doc.save();
}

/** A quote PDF for download (portal or dashboard): the stored copy, or rendered (and stored). Reading it this way does not count as an open. */
export async function downloadQuotePdf(opts: Scope & { quoteId: string }) {
	const detail = await getQuote({ ...opts, countView: false });
	const model = quotePdfModel(opts, detail);
	const bytes = await cachedPdf({
		...opts,
		kind: 'quote',
		documentId: detail.quote.id,
		model,
		render: (brand) => renderQuotePdf(brand, model, opts.services.clock.now())
	});
	return { filename: `${detail.quote.label}.pdf`, bytes };
}
