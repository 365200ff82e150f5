import { and, eq } from 'drizzle-orm';
import { clients, intakeForms, leads } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** One lead with its answers, the form it came from and the client it became. */
export async function getLead(opts: Scope & { leadId: string }) {
	requireStaff(opts.actor);
	const row = await opts.services.db
		.select({ lead: leads, formName: intakeForms.name, clientName: clients.name })
		.from(leads)
		.leftJoin(intakeForms, eq(intakeForms.id, leads.formId))
		.leftJoin(clients, eq(clients.id, leads.convertedClientId))
		.where(and(staffScope(leads, opts), eq(leads.id, opts.leadId)))
		.get();
	if (!row) throw notFound('That lead');
	return { ...row.lead, formName: row.formName, clientName: row.clientName };
}
