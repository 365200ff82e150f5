import { and, eq, isNull } from 'drizzle-orm';
import { clientContacts } from '../../../db/schema';
import { runBatch, type Statement } from '../../services/batch';
import { isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { notFound, validationError } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { contactFields, emailOwnerQuery, emailTakenError } from './client-input';
import { clientByIdQuery } from './find-client';

/**
 * Adds a contact to a client (staff only). The first active contact becomes
 * the primary one; ticking "primary" moves the flag from the current one.
 */
export async function addContact(opts: Scope & { clientId: string; input: unknown }): Promise<{ id: string }> {
	const staff = requireStaff(opts.actor);
	const parsed = contactFields.safeParse(opts.input);
	const db = opts.services.db;
	const [clientRows, owners, primaries] = await db.batch([
		clientByIdQuery(opts, opts.clientId),
		emailOwnerQuery(opts, parsed.data?.email ?? ''),
		db
			.select({ id: clientContacts.id })
			.from(clientContacts)
			.where(
				and(
					staffScope(clientContacts, opts),
					eq(clientContacts.clientId, opts.clientId),
					eq(clientContacts.isPrimary, true),
					isNull(clientContacts.archivedAt)
				)
			)
			.limit(1)
	]);
	const client = clientRows[0];
	// Whose client it is comes first: another tenant learns nothing, not even which fields are wrong.
	if (!client) throw notFound('That client');
	if (!parsed.success) throw validationError(parsed.error);
	const input = parsed.data;
	if (owners[0]) throw emailTakenError('email', owners[0]);
	const isPrimary = input.isPrimary || primaries.length === 0;
	const id = newId('con');
	const statements: Statement[] = [];
	if (isPrimary)
		statements.push(
			db
				.update(clientContacts)
				.set({ isPrimary: false })
				.where(and(staffScope(clientContacts, opts), eq(clientContacts.clientId, client.id)))
		);
	statements.push(
		db.insert(clientContacts).values({
			id,
			workspaceId: opts.workspace.id,
			clientId: client.id,
			name: input.name,
			email: input.email,
			isPrimary,
			createdAt: opts.services.clock.now()
		}),
		activityInsert(opts, {
			verb: 'contact.added',
			clientId: client.id,
			subjectType: 'contact',
			subjectId: id,
			summary: `${staff.name} added ${input.name} as a contact of ${client.name}`
		})
	);
	try {
		await runBatch(db, statements);
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTakenError('email');
		throw error;
	}
	return { id };
}
