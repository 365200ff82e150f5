import type { SecondFactorMethod } from '../../../db/schema';
import { FACTOR_LABEL, securityEvent } from '../auth/security-events';
import type { Account } from './account';
import { raiseSessionAssurance } from './session-assurance';

/** The batch that completes a pending sign-in with a verified factor. */
export function signedInStatements(account: Account, method: SecondFactorMethod, extra: string[] = []) {
	const { services, person } = account;
	const firstStep =
		account.firstStep === 'workspace_switch' ? 'from their session in another workspace' : 'with an email link';
	return [
		raiseSessionAssurance(account, method),
		securityEvent(
			services,
			person,
			'auth.signed_in',
			`${person.name} signed in ${firstStep} and ${FACTOR_LABEL[method]}`
		),
		...extra.map((summary) => securityEvent(services, person, 'auth.recovery_code_used', summary))
	] as const;
}

/** A failed attempt, in the feed on its own (attempts are rate limited, so this cannot flood it). */
export function recordFailedAttempt(account: Account, method: SecondFactorMethod) {
	const { services, person } = account;
	return securityEvent(
		services,
		person,
		'auth.second_factor_failed',
		`A sign-in as ${person.name} failed at the second step (${FACTOR_LABEL[method].replace(/^an? /, '')})`
	).run();
}
