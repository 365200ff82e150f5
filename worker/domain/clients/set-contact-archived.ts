import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts } from '../../../db/schema';
import { runBatch, type Statement } from '../../services/batch';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { revokeContactSessionsUpdate } from '../auth/sessions';
import { parseInput } from '../errors';
import { checkbox } from '../form-fields';
import type { Scope } from '../scope';
import { disconnectReader } from '../threads/disconnect-reader';
import { findContact } from './find-contact';

const schema = z.object({ archived: checkbox() });

/**
 * Archives or restores a contact (staff only). Archiving ends their portal
 * sessions in the same batch and their sign-in links stop working; an archived
 * contact keeps their email reserved so history stays attributable. Once the
 * batch has committed, their open thread sockets are closed (after the
 * response), since a socket is authorised only when it opens.
 */
export async function setContactArchived(
	opts: Scope & { clientId: string; contactId: string; input: unknown }
): Promise<{ archived: boolean }> {
	const staff = requireStaff(opts.actor);
	const { archived } = parseInput(schema, opts.input);
	const { db, clock } = opts.services;
	const { contact, clientName } = await findContact(opts, opts.clientId, opts.contactId);
	if (Boolean(contact.archivedAt) === archived) return { archived };
	const statements: Statement[] = [
		db
			.update(clientContacts)
			.set({ archivedAt: archived ? clock.now() : null })
			.where(eq(clientContacts.id, contact.id)),
		activityInsert(opts, {
			verb: archived ? 'contact.archived' : 'contact.unarchived',
			clientId: contact.clientId,
			subjectType: 'contact',
			subjectId: contact.id,
			summary: archived
				? `${staff.name} archived the contact ${contact.name} (${clientName}); their portal access ended`
				: `${staff.name} restored the contact ${contact.name} (${clientName})`
		})
	];
	if (archived) statements.push(revokeContactSessionsUpdate(opts.services, opts.workspace.id, contact.id));
	await runBatch(db, statements);
	if (archived) {
		opts.services.defer(
			disconnectReader({
				services: opts.services,
				workspaceId: opts.workspace.id,
				reader: { kind: 'client', contactId: contact.id, clientId: contact.clientId }
			})
		);
	}
	return { archived };
}
