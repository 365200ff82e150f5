import { and, eq, sql } from 'drizzle-orm';
import { intakeForms, leads } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { BUILT_IN_FIELDS } from './form-definition';

/** One intake form for the builder, with its public link and how many leads it brought. One round trip. */
export async function getIntakeForm(opts: Scope & { formId: string }) {
	requireStaff(opts.actor);
	const db = opts.services.db;
	const [forms, counts] = await db.batch([
		db
			.select()
			.from(intakeForms)
			.where(and(staffScope(intakeForms, opts), eq(intakeForms.id, opts.formId)))
			.limit(1),
		db
			.select({ n: sql<number>`count(*)` })
			.from(leads)
			.where(and(staffScope(leads, opts), eq(leads.formId, opts.formId)))
	]);
	const form = forms[0];
	if (!form) throw notFound('That form');
	return {
		form,
		builtInFields: BUILT_IN_FIELDS,
		publicUrl: opts.services.urls.portal(opts.workspace, `/forms/${form.slug}`),
		leadCount: counts[0]?.n ?? 0
	};
}
