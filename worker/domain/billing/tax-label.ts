import { bpToInput } from '../money';

/** How a tax rate is labelled under a document's lines: "VAT (15%)", or "Tax (7.5%)" for a typed rate. */
export function taxLabel(taxName: string | null | undefined, taxBp: number): string {
	return `${taxName || 'Tax'} (${bpToInput(taxBp)}%)`;
}
