import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, clients } from '../../../db/schema';
import { AppError } from '../errors';
import { checkbox, optionalText, optionalWebsite, requiredText } from '../form-fields';
import { plainNameCheck } from '../names';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';

/** The fields of a client company (create and edit). */
export const clientFields = z.object({
	name: requiredText("the client's name", 200),
	website: optionalWebsite(),
	phone: optionalText(50),
	address: optionalText(500),
	notes: optionalText(5000)
});

/** A contact's email: trimmed, lowercased (emails are compared lowercased everywhere). */
export const contactEmail = z
	.string({ error: "Enter the contact's email address." })
	.trim()
	.min(1, "Enter the contact's email address.")
	.max(254, 'That email address is too long.')
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
	.transform((v) => v.toLowerCase());

/** The fields of a contact (add and edit). */
export const contactFields = z.object({
	name: requiredText("the contact's name", 200).superRefine(plainNameCheck),
	email: contactEmail,
	isPrimary: checkbox()
});

/**
 * One email belongs to one contact per workspace (it is how they sign in).
 * Checked up front for a clear field message; the unique index still decides
 * a race (see emailTakenError).
 */
export function emailOwnerQuery(scope: Scope, email: string, exceptContactId?: string) {
	return scope.services.db
		.select({
			id: clientContacts.id,
			name: clientContacts.name,
			archivedAt: clientContacts.archivedAt,
			clientName: clients.name
		})
		.from(clientContacts)
		.innerJoin(clients, eq(clients.id, clientContacts.clientId))
		.where(
			and(
				staffScope(clientContacts, scope),
				eq(clientContacts.email, email),
				exceptContactId ? ne(clientContacts.id, exceptContactId) : undefined
			)
		)
		.limit(1);
}

export function emailTakenError(
	field: string,
	owner?: { name: string; clientName: string; archivedAt: number | null }
): AppError {
	const message = !owner
		? 'Another contact already uses this email address.'
		: owner.archivedAt
			? `An archived contact (${owner.name}, ${owner.clientName}) uses this email address. Restore that contact instead.`
			: `${owner.name} at ${owner.clientName} already uses this email address.`;
	return new AppError('conflict', 'This email address is already in use.', { fields: { [field]: message } });
}
