import { eq } from 'drizzle-orm';
import { clients } from '../../../db/schema';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, parseInput } from '../errors';
import { mergeInput } from '../form-fields';
import type { Scope } from '../scope';
import { clientFields } from './client-input';
import { clientByIdQuery } from './find-client';

/** Edits a client's details (staff only); fields left out keep their value (PATCH). */
export async function updateClient(opts: Scope & { clientId: string; input: unknown }): Promise<void> {
	const staff = requireStaff(opts.actor);
	const { db, clock } = opts.services;
	const [client] = await clientByIdQuery(opts, opts.clientId);
	if (!client) throw notFound('That client');
	const current = {
		name: client.name,
		website: client.website,
		phone: client.phone,
		address: client.address,
		notes: client.notes
	};
	const input = parseInput(clientFields, mergeInput(current, opts.input));
	const renamed = client.name !== input.name ? ` (was ${client.name})` : '';
	await db.batch([
		db
			.update(clients)
			.set({ ...input, updatedAt: clock.now() })
			.where(eq(clients.id, client.id)),
		activityInsert(opts, {
			verb: 'client.updated',
			clientId: client.id,
			subjectType: 'client',
			subjectId: client.id,
			summary: `${staff.name} edited the client ${input.name}${renamed}`
		})
	]);
}
