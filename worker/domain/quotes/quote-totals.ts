import { formatMoney } from '../format';
import { taxLabel } from '../billing/tax-label';
import { computeTotals } from '../money';

type QuoteAmounts = {
	currency: string;
	subtotalMinor: number;
	discountMinor: number;
	taxBp: number;
	taxName?: string | null;
	taxMinor: number;
	totalMinor: number;
};

/** The amounts under a quote's lines, the same on the page and in the PDF (as invoices' totalsRows). */
export function quoteTotalsRows(quote: QuoteAmounts): { label: string; value: string; bold?: boolean }[] {
	const money = (minor: number) => formatMoney(minor, quote.currency);
	const rows: { label: string; value: string; bold?: boolean }[] = [
		{ label: 'Subtotal', value: money(quote.subtotalMinor) }
	];
	if (quote.discountMinor) rows.push({ label: 'Discount', value: `-${money(quote.discountMinor)}` });
	if (quote.taxBp) rows.push({ label: taxLabel(quote.taxName, quote.taxBp), value: money(quote.taxMinor) });
	rows.push({ label: `Total (${quote.currency})`, value: money(quote.totalMinor), bold: true });
	return rows;
}

type Line = { id: string; quantityMilli: number; unitPriceMinor: number; optional: boolean };

/**
 * A quote's amounts for a choice of optional lines (the required lines always count): what the
 * client sees while ticking (live in the browser, or after "Recalculate" without JavaScript) and
 * what accepting stores. The discount is capped at the subtotal, as everywhere.
 */
export function quoteAmountsFor<Q extends QuoteAmounts>(quote: Q, items: Line[], chosenIds: readonly string[]): Q {
	const chosen = items.filter((i) => !i.optional || chosenIds.includes(i.id));
	const totals = computeTotals(
		chosen.map((i) => ({ quantityMilli: i.quantityMilli, unitPriceMinor: i.unitPriceMinor })),
		{ discountMinor: quote.discountMinor, taxBp: quote.taxBp }
	);
	return {
		...quote,
		subtotalMinor: totals.subtotalMinor,
		discountMinor: totals.discountMinor,
		taxMinor: totals.taxMinor,
		totalMinor: totals.totalMinor
	};
}

/**
 * The lines to show: before acceptance every line, optional ones marked (not in the total); after
 * it the chosen ones, and for staff the optional lines not chosen, marked so.
 */
export function displayedQuoteLines<T extends { description: string; optional: boolean; selected: boolean }>(
	items: T[],
	opts: { accepted: boolean; forStaff: boolean }
): T[] {
	return items
		.filter((i) => !opts.accepted || i.selected || opts.forStaff)
		.map((i) => ({
			...i,
			description: !i.optional
				? i.description
				: !opts.accepted
					? `${i.description} (optional)`
					: i.selected
						? `${i.description} (optional, chosen)`
						: `${i.description} (optional, not chosen)`
		}));
}
