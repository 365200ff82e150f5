import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts } from '../../../db/schema';
import { AppError, parseInput } from '../errors';
import type { Scope } from '../scope';

export type RecipientOption = {
	id: string;
	name: string;
	email: string;
	timezone: string | null;
	isPrimary: boolean;
	portalAccess: boolean;
	suggested: boolean;
};
/** A chosen recipient, with their own time zone for the dates in the email. */
export type Recipient = { id: string; email: string; timezone: string | null };

/**
 * The client's active contacts as the people a quote, invoice or contract can
 * be emailed to. Suggested (ticked by default): the primary contact and those
 * with portal access (invited, or signed in before), never someone the agency
 * has not brought to the portal.
 */
export async function recipientOptions(
	scope: Pick<Scope, 'services' | 'workspace'>,
	clientId: string
): Promise<RecipientOption[]> {
	const rows = await scope.services.db
		.select({
			id: clientContacts.id,
			name: clientContacts.name,
			email: clientContacts.email,
			timezone: clientContacts.timezone,
			isPrimary: clientContacts.isPrimary,
			lastInvitedAt: clientContacts.lastInvitedAt,
			lastLoginAt: clientContacts.lastLoginAt
		})
		.from(clientContacts)
		.where(
			and(
				eq(clientContacts.workspaceId, scope.workspace.id),
				eq(clientContacts.clientId, clientId),
				isNull(clientContacts.archivedAt)
			)
		)
		.orderBy(desc(clientContacts.isPrimary), asc(clientContacts.name))
		.limit(100);
	return rows.map(({ lastInvitedAt, lastLoginAt, ...c }) => {
		const portalAccess = lastInvitedAt !== null || lastLoginAt !== null;
		return { ...c, portalAccess, suggested: c.isPrimary || portalAccess };
	});
}

/**
 * Who an email nobody chose recipients for goes to (a cron's reminder or recurring invoice, a
 * proposal's deposit invoice): the suggested people, as a send without `recipients` would.
 */
export async function suggestedRecipients(
	scope: Pick<Scope, 'services' | 'workspace'>,
	clientId: string
): Promise<Recipient[]> {
	return (await recipientOptions(scope, clientId))
		.filter((o) => o.suggested)
		.map(({ id, email, timezone }) => ({ id, email, timezone }));
}

/**
 * `recipients`: the contact ids ticked. Forms post a hidden empty value first,
 * so "nobody ticked" is an explicit empty choice; left out (an API call without
 * it), the suggested people get it.
 */
const recipientsSchema = z.object({
	recipients: z.preprocess(
		(v) => {
			if (v === undefined || v === null) return undefined;
			const ids = Array.isArray(v) ? v : [v];
			// Anything but short strings is not a contact id: one message on the field, not on an item of it.
			return ids.every((id) => typeof id === 'string' && id.length <= 64) ? ids.filter((id) => id !== '') : false;
		},
		z.array(z.string(), { error: 'Choose who to send it to.' }).max(100, 'Choose at most 100 people.').optional()
	)
});

/**
 * Who a quote, invoice or contract goes to: the contacts chosen (each an active
 * contact of this client, or a 422 on `recipients`), or the suggested ones.
 * Checked before anything is sent or changes state.
 */
export async function chooseRecipients(
	scope: Pick<Scope, 'services' | 'workspace'>,
	clientId: string,
	input: unknown
): Promise<Recipient[]> {
	const { recipients } = parseInput(recipientsSchema, input && typeof input === 'object' ? input : {});
	const options = await recipientOptions(scope, clientId);
	if (options.length === 0)
		throw new AppError('conflict', 'This client has no contacts to send it to. Add a contact first.');
	const refuse = (message: string) => new AppError('validation_failed', message, { fields: { recipients: message } });
	if (recipients === undefined) {
		const suggested = options.filter((o) => o.suggested);
		if (suggested.length === 0)
			throw refuse('Nobody at this client has portal access yet. Choose who to send it to, or invite a contact first.');
		return suggested.map(({ id, email, timezone }) => ({ id, email, timezone }));
	}
	const chosen = options.filter((o) => recipients.includes(o.id));
	if (chosen.length !== new Set(recipients).size) throw refuse('Choose people from this client’s contacts.');
	if (chosen.length === 0) throw refuse('Choose at least one person to send it to.');
	return chosen.map(({ id, email, timezone }) => ({ id, email, timezone }));
}
