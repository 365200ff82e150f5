import { securityEvent } from '../auth/security-events';
import type { Account } from './account';
import { newRecoveryCodeSet, unusedRecoveryCodes } from './recovery-codes';
import { raiseSessionAssurance } from './session-assurance';

/**
 * What goes in the batch that adds a factor: the session it was added in is now
 * verified with it (the person just proved they hold it), the activity entry, and
 * recovery codes when the person has none left (their first factor). The codes are
 * returned to show once.
 */
export async function factorAddedStatements(account: Account, method: 'passkey' | 'totp', summary: string) {
	const { services, person } = account;
	const set =
		(await unusedRecoveryCodes(services, person.userId)) === 0
			? await newRecoveryCodeSet(services, person.userId)
			: null;
	const statements = [
		raiseSessionAssurance(account, method),
		securityEvent(services, person, 'auth.second_factor_added', summary),
		...(account.stage === 'enrol'
			? [securityEvent(services, person, 'auth.signed_in', `${person.name} set up a second factor and signed in`)]
			: []),
		...(set?.statements ?? [])
	];
	return { statements, recoveryCodes: set?.codes ?? null };
}
