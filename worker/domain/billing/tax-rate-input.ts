import { z } from 'zod';
import { parsePercentBp } from '../money';

export const taxRateSchema = z.object({
	name: z
		.string({ error: 'Name the rate, like VAT.' })
		.trim()
		.min(1, 'Name the rate, like VAT.')
		.max(40, 'Keep the name under 40 characters.'),
	rate: z
		.union([z.string(), z.number()], { error: 'Enter the rate in percent, like 15 or 7.5.' })
		.transform((v) => parsePercentBp(String(v)))
		.refine((bp): bp is number => bp !== null, 'Enter the rate in percent, between 0 and 100, like 15 or 7.5.')
});

/** Whether a database error is the unique (workspace, name) index of tax_rates. */
export function isDuplicateName(error: unknown): boolean {
	const text = String((error as { cause?: unknown })?.cause ?? '') + String((error as Error)?.message ?? '');
	return /UNIQUE constraint failed: tax_rates\.workspace_id, tax_rates\.name/.test(text);
}
