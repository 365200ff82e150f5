import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships } from '../../../db/schema';
import { requireStaff } from '../actor';
import { parseInput } from '../errors';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { STAFF_EMAIL_TOPICS, type StaffEmailTopic } from './notify';

// A form sends the checked topics (one value or several); the API sends a list.
const inputSchema = z.object({
	topics: z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
		.pipe(z.array(z.enum(STAFF_EMAIL_TOPICS, { error: 'That is not an email topic.' })).max(STAFF_EMAIL_TOPICS.length))
});

/** Each staff member chooses their own emails; every topic is stored explicitly so defaults can change later. */
export async function updateEmailPrefs(opts: Scope & { input: unknown }) {
	const staff = requireStaff(opts.actor);
	const { topics } = parseInput(inputSchema, opts.input);
	const prefs = Object.fromEntries(STAFF_EMAIL_TOPICS.map((t) => [t, topics.includes(t)])) as Record<
		StaffEmailTopic,
		boolean
	>;
	await opts.services.db
		.update(memberships)
		.set({ emailPrefs: prefs })
		.where(and(staffScope(memberships, opts), eq(memberships.userId, staff.userId)));
	return { prefs };
}
