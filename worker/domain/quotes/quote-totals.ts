import { formatMoney } from '../format';
import { bpToInput } from '../money';

type QuoteAmounts = { currency: string; subtotalMinor: number; discountMinor: number; taxBp: number; taxMinor: number; totalMinor: number };

/** The amounts under a quote's lines, the same on the page and in the PDF (as invoices' totalsRows). */
export function quoteTotalsRows(quote: QuoteAmounts): { label: string; value: string; bold?: boolean }[] {
	const money = (minor: number) => formatMoney(minor, quote.currency);
	const rows: { label: string; value: string; bold?: boolean }[] = [{ label: 'Subtotal', value: money(quote.subtotalMinor) }];
	if (quote.discountMinor) rows.push({ label: 'Discount', value: `-${money(quote.discountMinor)}` });
	if (quote.taxBp) rows.push({ label: `Tax (${bpToInput(quote.taxBp)}%)`, value: money(quote.taxMinor) });
	rows.push({ label: `Total (${quote.currency})`, value: money(quote.totalMinor), bold: true });
	return rows;
}
