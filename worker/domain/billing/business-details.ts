import type { Workspace } from '../scope';

/** What every quote, invoice and receipt prints about the business: its address, tax ID and how to pay offline. */
export type BusinessDetails = { address: string | null; taxId: string | null; paymentInstructions: string | null };

export function businessDetailsOf(
	workspace: Pick<Workspace, 'businessAddress' | 'taxId' | 'paymentInstructions'>
): BusinessDetails {
	return {
		address: workspace.businessAddress ?? null,
		taxId: workspace.taxId ?? null,
		paymentInstructions: workspace.paymentInstructions ?? null
	};
}

/** The "From" block of a document: the business name, its address, and the tax ID on its own line. */
export function fromLines(name: string, details: BusinessDetails): string {
	return [name, details.address, details.taxId ? `Tax ID: ${details.taxId}` : null].filter(Boolean).join('\n');
}
