import { asc, eq } from 'drizzle-orm';
import { taxRates, workspaces } from '../../../db/schema';
import { requireStaff } from '../actor';
import { bpToInput, minorToInput } from '../money';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** Settings -> Invoicing: business details, the default hourly rate and the saved tax rates, in one batch. */
export async function getBillingSettings(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const db = scope.services.db;
	// Read again: after a form action on this request, the request's copy of the workspace is out of date.
	const [rows, rates] = await db.batch([
		db.select().from(workspaces).where(eq(workspaces.id, scope.workspace.id)),
		db.select().from(taxRates).where(staffScope(taxRates, scope)).orderBy(asc(taxRates.name))
	]);
	const workspace = rows[0] ?? scope.workspace;
	return {
		businessAddress: workspace.businessAddress ?? '',
		taxId: workspace.taxId ?? '',
		paymentInstructions: workspace.paymentInstructions ?? '',
		defaultCurrency: workspace.defaultCurrency,
		defaultHourlyRateMinor: workspace.defaultHourlyRateMinor,
		defaultHourlyRate:
			workspace.defaultHourlyRateMinor === null
				? ''
				: minorToInput(workspace.defaultHourlyRateMinor, workspace.defaultCurrency),
		taxRates: rates.map((r) => ({ id: r.id, name: r.name, rateBp: r.rateBp, rate: bpToInput(r.rateBp) })),
		canEdit: staff.role === 'owner'
	};
}

export type BillingSettings = Awaited<ReturnType<typeof getBillingSettings>>;
