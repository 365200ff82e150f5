import { and, eq } from 'drizzle-orm';
import { clients } from '../../../db/schema';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The query for one client of the workspace (staff scope); for use alone or inside a batch. */
export function clientByIdQuery(scope: Scope, clientId: string) {
	return scope.services.db
		.select()
		.from(clients)
		.where(and(staffScope(clients, scope), eq(clients.id, clientId)))
		.limit(1);
}
