import { and, asc, eq } from 'drizzle-orm';
import { intakeForms } from '../../../db/schema';
import type { Scope } from '../scope';
import { publicScope } from '../tenancy';

/** How many forms the portal's sign-in page lists under "New here? Start a project". */
const LISTED_MAX = 12;

/**
 * The published intake forms of a workspace, for anyone on its portal (the sign-in
 * page lists them: the portal is where people not yet in the system start a project).
 */
export async function listPublicIntakeForms(opts: Pick<Scope, 'services' | 'workspace'>) {
	const rows = await opts.services.db
		.select({ name: intakeForms.name, slug: intakeForms.slug, description: intakeForms.description })
		.from(intakeForms)
		.where(and(publicScope(intakeForms, opts), eq(intakeForms.status, 'published')))
		.orderBy(asc(intakeForms.name))
		.limit(LISTED_MAX);
	return rows.map((r) => ({ ...r, href: `/forms/${r.slug}` }));
}
