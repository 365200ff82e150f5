import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, clients } from '../../../db/schema';
import { runBatch, type Statement } from '../../services/batch';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { revokeContactSessionsUpdate } from '../auth/sessions';
import { notFound, parseInput } from '../errors';
import { checkbox } from '../form-fields';
import type { Scope } from '../scope';
import { disconnectReader } from '../threads/disconnect-reader';
import { staffScope } from '../tenancy';
import { clientByIdQuery } from './find-client';

const schema = z.object({ archived: checkbox() });

/**
 * Archives or restores a client (staff only). Archiving ends every portal
 * session of its contacts in the same batch, so nobody keeps access; their
 * sign-in links stop working too (consumeLoginLink checks the client). Doing it
 * twice changes nothing. Once the batch has committed, the contacts' open
 * thread sockets are closed (after the response).
 */
export async function setClientArchived(
	opts: Scope & { clientId: string; input: unknown }
): Promise<{ archived: boolean }> {
	const staff = requireStaff(opts.actor);
	const { archived } = parseInput(schema, opts.input);
	const { db, clock } = opts.services;
	const [clientRows, contacts] = await db.batch([
		clientByIdQuery(opts, opts.clientId),
		db
			.select({ id: clientContacts.id })
			.from(clientContacts)
			.where(and(staffScope(clientContacts, opts), eq(clientContacts.clientId, opts.clientId)))
	]);
	const client = clientRows[0];
	if (!client) throw notFound('That client');
	if (Boolean(client.archivedAt) === archived) return { archived };
	const now = clock.now();
	const statements: Statement[] = [
		db
			.update(clients)
			.set({ archivedAt: archived ? now : null, updatedAt: now })
			.where(eq(clients.id, client.id)),
		activityInsert(opts, {
			verb: archived ? 'client.archived' : 'client.unarchived',
			clientId: client.id,
			subjectType: 'client',
			subjectId: client.id,
			summary: archived
				? `${staff.name} archived the client ${client.name}; their portal access ended`
				: `${staff.name} restored the client ${client.name}`
		})
	];
	if (archived)
		for (const contact of contacts)
			statements.push(revokeContactSessionsUpdate(opts.services, opts.workspace.id, contact.id));
	await runBatch(db, statements);
	if (archived) {
		for (const contact of contacts) {
			opts.services.defer(
				disconnectReader({
					services: opts.services,
					workspaceId: opts.workspace.id,
					reader: { kind: 'client', contactId: contact.id, clientId: client.id }
				})
			);
		}
	}
	return { archived };
}
