import { and, eq } from 'drizzle-orm';
import { memberships } from '../../../db/schema';
import { requireStaff } from '../actor';
import type { Scope } from '../scope';
import { staffScope } from '../tenancy';
import { STAFF_EMAIL_TOPIC_LABELS } from './email-topics';
import { STAFF_EMAIL_TOPICS } from './notify';

/** Settings -> Notifications: which emails the signed-in staff member gets (a missing topic is on). */
export async function getEmailPrefs(scope: Scope) {
	const staff = requireStaff(scope.actor);
	const row = await scope.services.db
		.select({ prefs: memberships.emailPrefs })
		.from(memberships)
		.where(and(staffScope(memberships, scope), eq(memberships.userId, staff.userId)))
		.get();
	const prefs = row?.prefs ?? {};
	return {
		topics: STAFF_EMAIL_TOPICS.map((topic) => ({
			topic,
			...STAFF_EMAIL_TOPIC_LABELS[topic],
			enabled: prefs[topic] !== false
		}))
	};
}
