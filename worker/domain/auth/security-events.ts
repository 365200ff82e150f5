import { activityInsert, activityInsertIfChanged } from '../activity/record-activity';
import type { StaffActor } from '../actor';
import type { Services } from '../../services';

/**
 * Sign-in and security events in the activity feed of the workspace the session is
 * for (a person's factors serve every workspace they are in; the feed of the one
 * they were using says what happened). Summaries name the person and the method,
 * never an IP address or a code.
 */
export type SecurityVerb =
	| 'auth.signed_in'
	| 'auth.second_factor_added'
	| 'auth.second_factor_removed'
	| 'auth.second_factor_failed'
	| 'auth.recovery_code_used'
	| 'auth.recovery_codes_renewed'
	| 'auth.session_revoked'
	| 'workspace.second_factor_required'
	| 'workspace.second_factor_optional';

export type Person = { userId: string; name: string; workspaceId: string };

function scopeOf(services: Services, person: Person) {
	const actor: StaffActor = { kind: 'staff', userId: person.userId, name: person.name, email: '', role: 'member' };
	return { services, workspace: { id: person.workspaceId }, actor };
}

export function securityEvent(services: Services, person: Person, verb: SecurityVerb, summary: string) {
	return activityInsert(scopeOf(services, person), { verb, summary, subjectType: 'user', subjectId: person.userId });
}

/** The same, only if the statement just before it in the batch changed a row. */
export function securityEventIfChanged(services: Services, person: Person, verb: SecurityVerb, summary: string) {
	return activityInsertIfChanged(scopeOf(services, person), {
		verb,
		summary,
		subjectType: 'user',
		subjectId: person.userId
	});
}

export const FACTOR_LABEL = {
	passkey: 'a passkey',
	totp: 'an authenticator app',
	recovery_code: 'a recovery code'
} as const;
