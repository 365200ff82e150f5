import { requireStaff } from '../actor';
import { notFound } from '../errors';
import type { Scope } from '../scope';
import { clientByIdQuery } from './find-client';

/** One client company of the workspace (staff only). */
export async function getClient(opts: Scope & { clientId: string }) {
	requireStaff(opts.actor);
	const [client] = await clientByIdQuery(opts, opts.clientId);
	if (!client) throw notFound('That client');
	return client;
}
