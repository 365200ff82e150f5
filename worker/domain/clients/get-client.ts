import { and, eq } from 'drizzle-orm';
import { clients } from '../../../db/schema';
import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** One client company of the workspace (staff only). */
export async function getClient(opts: Scope & { clientId: string }) {
	requireStaff(opts.actor);
	const client = await opts.services.db
		.select()
		.from(clients)
		.where(and(staffScope(clients, opts), eq(clients.id, opts.clientId)))
		.get();
	if (!client) throw notFound('That client');
	return client;
}
