import { z } from 'zod';
import { plainNameCheck } from '../names';
import { clientContacts, clients } from '../../../db/schema';
import { runBatch, type Statement } from '../../services/batch';
import { isUniqueViolation } from '../../services/db';
import { newId } from '../../services/ids';
import { activityInsert } from '../activity/record-activity';
import { requireStaff } from '../actor';
import { parseInput } from '../errors';
import { optionalText } from '../form-fields';
import type { Scope } from '../scope';
import { clientFields, contactEmail, emailOwnerQuery, emailTakenError } from './client-input';

/** A client, optionally with its first (primary) contact: both or neither of name and email. */
const schema = clientFields
	.extend({
		contactName: optionalText(200).superRefine(plainNameCheck),
		contactEmail: z.preprocess(
			(v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)),
			contactEmail.nullable()
		)
	})
	.superRefine((v, ctx) => {
		if (v.contactEmail && !v.contactName)
			ctx.addIssue({
				code: 'custom',
				path: ['contactName'],
				message: "Enter the contact's name, or leave both contact fields empty."
			});
		if (v.contactName && !v.contactEmail)
			ctx.addIssue({
				code: 'custom',
				path: ['contactEmail'],
				message: "Enter the contact's email address, or leave both contact fields empty."
			});
	});

/** Creates a client company (staff only), with its first contact if given, in one batch with the activity entries. */
export async function createClient(
	opts: Scope & { input: unknown }
): Promise<{ id: string; contactId: string | null }> {
	const staff = requireStaff(opts.actor);
	const input = parseInput(schema, opts.input);
	const { db, clock } = opts.services;
	if (input.contactEmail) {
		const [owner] = await emailOwnerQuery(opts, input.contactEmail);
		if (owner) throw emailTakenError('contactEmail', owner);
	}
	const now = clock.now();
	const id = newId('cli');
	const contactId = input.contactEmail ? newId('con') : null;
	const statements: Statement[] = [
		db.insert(clients).values({
			id,
			workspaceId: opts.workspace.id,
			name: input.name,
			website: input.website,
			phone: input.phone,
			address: input.address,
			notes: input.notes,
			createdAt: now,
			updatedAt: now
		}),
		activityInsert(opts, {
			verb: 'client.created',
			clientId: id,
			subjectType: 'client',
			subjectId: id,
			summary: `${staff.name} added the client ${input.name}`
		})
	];
	if (contactId && input.contactEmail && input.contactName) {
		statements.push(
			db.insert(clientContacts).values({
				id: contactId,
				workspaceId: opts.workspace.id,
				clientId: id,
				name: input.contactName,
				email: input.contactEmail,
				isPrimary: true,
				createdAt: now
			}),
			activityInsert(opts, {
				verb: 'contact.added',
				clientId: id,
				subjectType: 'contact',
				subjectId: contactId,
				summary: `${staff.name} added ${input.contactName} as a contact of ${input.name}`
			})
		);
	}
	try {
		await runBatch(db, statements);
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTakenError('contactEmail');
		throw error;
	}
	return { id, contactId };
}
