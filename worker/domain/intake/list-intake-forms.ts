import { asc, desc, eq, sql } from 'drizzle-orm';
import { intakeForms, leads } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** Settings -> Intake forms: every form with its status, public link and lead count (archived last). */
export async function listIntakeForms(scope: Scope) {
	requireStaff(scope.actor);
	const rows = await scope.services.db
		.select({
			id: intakeForms.id,
			name: intakeForms.name,
			slug: intakeForms.slug,
			status: intakeForms.status,
			fieldCount: sql<number>`json_array_length(${intakeForms.fields})`,
			updatedAt: intakeForms.updatedAt,
			leadCount: sql<number>`count(${leads.id})`
		})
		.from(intakeForms)
		.leftJoin(leads, eq(leads.formId, intakeForms.id))
		.where(staffScope(intakeForms, scope))
		.groupBy(intakeForms.id)
		.orderBy(asc(sql`case ${intakeForms.status} when 'archived' then 1 else 0 end`), desc(intakeForms.updatedAt))
		.limit(200);
	return rows.map((r) => ({ ...r, publicUrl: scope.services.urls.portal(scope.workspace, `/forms/${r.slug}`) }));
}
