import { formatMoney } from './format';
import type { PdfDoc } from '../services/pdf/document';
import { quantityToInput } from './money';

type LineItem = { description: string; quantityMilli: number; unitPriceMinor: number; amountMinor: number };

/**
 * The lines of a quote or an invoice and the totals under them, drawn the same way in both PDFs
 * (the pages show the same rows with LineItems.svelte).
 */
export async function drawLineItems(
	doc: PdfDoc,
	items: LineItem[],
	currency: string,
	totals: { label: string; value: string; bold?: boolean }[]
): Promise<void> {
	const money = (minor: number) => formatMoney(minor, currency);
	await doc.table(
		[
			{ header: 'Description', width: 0.52 },
			{ header: 'Qty', width: 0.1, align: 'right' },
			{ header: 'Unit price', width: 0.19, align: 'right' },
			{ header: 'Amount', width: 0.19, align: 'right' }
		],
		items.map((item) => [
			item.description,
			quantityToInput(item.quantityMilli),
			money(item.unitPriceMinor),
			money(item.amountMinor)
		])
	);
	await doc.totals(totals);
}
