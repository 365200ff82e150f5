import { formatMoney } from './format';
import { MAX_AMOUNT_MINOR } from './money';

/** What a form says when an amount would pass MAX_AMOUNT_MINOR (money.ts), in the document's currency. */
export function lineTooLargeMessage(currency: string): string {
	return `This line comes to more than ${formatMoney(MAX_AMOUNT_MINOR, currency)}, the most one amount can be. Lower the quantity or the price.`;
}

export function totalTooLargeMessage(document: 'invoice' | 'quote', currency: string): string {
	return `The total would be more than ${formatMoney(MAX_AMOUNT_MINOR, currency)}, the most one ${document} can be. Split the work over several ${document}s.`;
}
