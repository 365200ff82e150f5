import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { clientContacts, users } from '../../../db/schema';
import { requireMember } from '../actor';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { clientScope } from '../tenancy';
import { personalTimeZoneSchema } from '../time-zones';

const inputSchema = z.object({ timezone: personalTimeZoneSchema });

/**
 * A signed-in person (staff or client contact) chooses the zone they read dates and
 * times in; blank goes back to the workspace's. Their own row only, and only when it
 * changes (saving the same choice writes nothing).
 */
export async function setOwnTimeZone(opts: Scope & { input: unknown }): Promise<{ timezone: string | null }> {
	const actor = requireMember(opts.actor);
	const { timezone } = parseInput(inputSchema, opts.input);
	const db = opts.services.db;
	if (actor.kind === 'staff') {
		await db
			.update(users)
			.set({ timezone })
			.where(and(eq(users.id, actor.userId), sql`${users.timezone} is not ${timezone}`));
	} else {
		// A contact's row is the client's: the portal's tenancy rule, on the contact's own id.
		await db
			.update(clientContacts)
			.set({ timezone })
			.where(
				and(
					clientScope(clientContacts, opts),
					eq(clientContacts.id, actor.contactId),
					sql`${clientContacts.timezone} is not ${timezone}`
				)
			);
	}
	return { timezone };
}
