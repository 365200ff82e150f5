import { and, eq } from 'drizzle-orm';
import { clientContacts } from '../../../db/schema';
import { runBatch, type Statement } from '../../services/batch';
import { isUniqueViolation } from '../../services/db';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { revokeContactSessionsUpdate } from '../auth/sessions';
import { parseInput } from '../errors';
import { mergeInput } from '../form-fields';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { contactFields, emailOwnerQuery, emailTakenError } from './client-input';
import { findContact } from './find-contact';
import { disconnectReader } from '../threads/disconnect-reader';

/**
 * Edits a contact (staff only); fields left out keep their value (PATCH). A new email signs the contact out everywhere
 * (sessions, open thread sockets, and unused sign-in links to the old address): they were granted to whoever held it.
 */
export async function updateContact(
	opts: Scope & { clientId: string; contactId: string; input: unknown }
): Promise<void> {
	const staff = requireStaff(opts.actor);
	const db = opts.services.db;
	const { contact, clientName } = await findContact(opts, opts.clientId, opts.contactId);
	const input = parseInput(
		contactFields,
		mergeInput({ name: contact.name, email: contact.email, isPrimary: contact.isPrimary }, opts.input)
	);
	const emailChanged = contact.email !== input.email;
	if (emailChanged) {
		const [owner] = await emailOwnerQuery(opts, input.email, contact.id);
		if (owner) throw emailTakenError('email', owner);
	}
	const statements: Statement[] = [];
	if (input.isPrimary && !contact.isPrimary) {
		statements.push(
			db
				.update(clientContacts)
				.set({ isPrimary: false })
				.where(and(staffScope(clientContacts, opts), eq(clientContacts.clientId, contact.clientId)))
		);
	}
	statements.push(
		db
			.update(clientContacts)
			.set({ name: input.name, email: input.email, isPrimary: input.isPrimary })
			.where(eq(clientContacts.id, contact.id)),
		activityInsert(opts, {
			verb: 'contact.updated',
			clientId: contact.clientId,
			subjectType: 'contact',
			subjectId: contact.id,
			summary: `${staff.name} edited the contact ${input.name} (${clientName})${emailChanged ? `: email changed from ${contact.email} to ${input.email}` : ''}`
		})
	);
	if (emailChanged) statements.push(revokeContactSessionsUpdate(opts.services, opts.workspace.id, contact.id));
	try {
		await runBatch(db, statements);
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTakenError('email');
		throw error;
	}
	if (emailChanged) {
		opts.services.defer(
			disconnectReader({
				services: opts.services,
				workspaceId: opts.workspace.id,
				reader: { kind: 'client', contactId: contact.id, clientId: contact.clientId }
			})
		);
	}
}
