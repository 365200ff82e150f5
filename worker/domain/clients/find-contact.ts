import { and, eq } from 'drizzle-orm';
import { clientContacts, clients } from '../../../db/schema';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** One contact of one client of the workspace (staff scope), with its client's name and state. */
export async function findContact(scope: Scope, clientId: string, contactId: string) {
	const row = await scope.services.db
		.select({ contact: clientContacts, clientName: clients.name, clientArchivedAt: clients.archivedAt })
		.from(clientContacts)
		.innerJoin(clients, eq(clients.id, clientContacts.clientId))
		.where(
			and(staffScope(clientContacts, scope), eq(clientContacts.clientId, clientId), eq(clientContacts.id, contactId))
		)
		.get();
	if (!row) throw notFound('That contact');
	return row;
}
