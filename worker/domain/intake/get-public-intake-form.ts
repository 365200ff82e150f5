import { and, eq } from 'drizzle-orm';
import { intakeForms } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { publicScope } from '../tenancy';
import { BUILT_IN_FIELDS } from './form-definition';

/** A published form as anyone on the portal sees it; drafts and archived forms are "not found". */
export async function getPublicIntakeForm(opts: Pick<Scope, 'services' | 'workspace'> & { slug: string }) {
	const form = await opts.services.db
		.select({
			id: intakeForms.id,
			name: intakeForms.name,
			slug: intakeForms.slug,
			description: intakeForms.description,
			fields: intakeForms.fields
		})
		.from(intakeForms)
		.where(and(publicScope(intakeForms, opts), eq(intakeForms.slug, opts.slug), eq(intakeForms.status, 'published')))
		.get();
	if (!form) throw notFound('That form');
	return { ...form, fields: [...BUILT_IN_FIELDS, ...form.fields] };
}
