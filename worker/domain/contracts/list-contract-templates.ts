import { asc, and, eq } from 'drizzle-orm';
import { contractTemplates } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The workspace's contract templates (staff only), by name. */
export async function listContractTemplates(opts: Scope) {
	requireStaff(opts.actor);
	return opts.services.db
		.select({ id: contractTemplates.id, name: contractTemplates.name, updatedAt: contractTemplates.updatedAt })
		.from(contractTemplates)
		.where(staffScope(contractTemplates, opts))
		.orderBy(asc(contractTemplates.name))
		.limit(200);
}

/** One template with its text. */
export async function getContractTemplate(opts: Scope & { templateId: string }) {
	requireStaff(opts.actor);
	const row = await opts.services.db
		.select()
		.from(contractTemplates)
		.where(and(staffScope(contractTemplates, opts), eq(contractTemplates.id, opts.templateId)))
		.get();
	if (!row) throw notFound('That template');
	return row;
}
