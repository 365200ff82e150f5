import { and, eq } from 'drizzle-orm';
import { taxRates } from '../../../db/schema';
import { AppError } from '../errors';
import { bpToInput } from '../money';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/**
 * A quote or invoice form can pick a saved tax rate (`taxRateId`) instead of typing one: its rate
 * replaces the typed `taxRate` and its name is kept on the document (`taxName`). No pick: the typed
 * rate, unnamed. A rate of another workspace, or one deleted meanwhile, is a field error.
 */
export async function withSavedTaxRate(
	scope: Scope,
	raw: unknown
): Promise<{ input: Record<string, unknown>; taxName: string | null }> {
	const input = { ...((raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>) };
	const id = typeof input.taxRateId === 'string' ? input.taxRateId.trim() : '';
	if (!id) return { input, taxName: null };
	const rate = await scope.services.db
		.select()
		.from(taxRates)
		.where(and(staffScope(taxRates, scope), eq(taxRates.id, id)))
		.get();
	if (!rate)
		throw new AppError('validation_failed', 'Please correct the highlighted fields.', {
			fields: { taxRateId: 'That tax rate no longer exists. Choose another or type a rate.' }
		});
	return { input: { ...input, taxRate: bpToInput(rate.rateBp) }, taxName: rate.name };
}
