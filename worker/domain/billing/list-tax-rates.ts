import { asc } from 'drizzle-orm';
import { taxRates } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The saved tax rates, for the settings page, the API and the quote and invoice forms' pickers. */
export function taxRatesQuery(scope: Pick<Scope, 'services' | 'workspace' | 'actor'>) {
	return scope.services.db
		.select({ id: taxRates.id, name: taxRates.name, rateBp: taxRates.rateBp })
		.from(taxRates)
		.where(staffScope(taxRates, scope))
		.orderBy(asc(taxRates.name));
}

export async function listTaxRates(scope: Scope) {
	requireStaff(scope.actor);
	return { taxRates: await taxRatesQuery(scope) };
}
