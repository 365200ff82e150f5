import { and, eq } from 'drizzle-orm';
import { contractTemplates } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** Deletes a template; contracts made from it are unaffected (they hold their own text). */
export async function deleteContractTemplate(opts: Scope & { templateId: string }) {
	requireStaff(opts.actor);
	const deleted = await opts.services.db
		.delete(contractTemplates)
		.where(and(staffScope(contractTemplates, opts), eq(contractTemplates.id, opts.templateId)))
		.returning({ id: contractTemplates.id });
	if (!deleted.length) throw notFound('That template');
	return { id: opts.templateId };
}
