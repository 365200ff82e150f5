import { AppError } from '../errors';
import type { SignInMethod } from '../../../db/schema';
import type { Services } from '../../services';
import type { SecondFactorNeed } from '../auth/assurance';
import type { RequestContext } from '../workspaces/load-request-context';
import type { Person } from '../auth/security-events';

/**
 * The person managing their own sign-in: a staff member with a full session, or one
 * whose session is still pending (`verify`: finish with a factor; `enrol`: set one up
 * because the workspace requires it). Factors belong to the person, so these use
 * cases are scoped by user id (and the session), not by workspace.
 */
export type Account = {
	services: Services;
	person: Person & { email: string; sessionId: string };
	stage: 'full' | SecondFactorNeed;
	/** A sign-in still at its second step: how its first step was taken (its audit line says so). */
	firstStep?: SignInMethod;
};

export function accountOf(
	services: Services,
	request: Pick<RequestContext, 'actor' | 'workspace' | 'pending' | 'side'>
): Account {
	const { actor, workspace, pending } = request;
	if (request.side === 'dashboard' && actor.kind === 'staff' && workspace && actor.sessionId) {
		return {
			services,
			stage: 'full',
			person: {
				userId: actor.userId,
				name: actor.name,
				email: actor.email,
				workspaceId: workspace.id,
				sessionId: actor.sessionId
			}
		};
	}
	if (request.side === 'dashboard' && pending) {
		return {
			services,
			stage: pending.need,
			firstStep: pending.signInMethod,
			person: {
				userId: pending.userId,
				name: pending.name,
				email: pending.email,
				workspaceId: pending.workspaceId,
				sessionId: pending.sessionId
			}
		};
	}
	throw new AppError('unauthenticated', 'Please sign in.');
}

export const secondFactorRequired = () =>
	new AppError(
		'second_factor_required',
		'Finish signing in with your passkey, authenticator app or a recovery code first.'
	);

/** Managing factors and sessions needs a full session. */
export function requireFull(account: Account): Account {
	if (account.stage !== 'full') throw secondFactorRequired();
	return account;
}

/** Adding a factor: a full session, or a pending one that has none yet (its workspace requires one). */
export function requireMayEnrol(account: Account): Account {
	if (account.stage === 'verify') throw secondFactorRequired();
	return account;
}

/** Finishing a sign-in with a factor the person already has. */
export function requireVerifying(account: Account): Account {
	if (account.stage === 'full') throw new AppError('conflict', 'You are already signed in.');
	if (account.stage !== 'verify') throw new AppError('conflict', 'Set up a second factor first.');
	return account;
}
