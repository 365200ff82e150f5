import { redirect } from '@sveltejs/kit';
import { listMySessions, signOutOtherSessions, signOutSession } from '$domain/auth/my-sessions';
import { cookieOptions, SESSION_COOKIE } from '$domain/auth/sessions';
import { renewRecoveryCodes } from '$domain/factors/recovery-codes';
import { removePasskey } from '$domain/factors/remove-passkey';
import { removeTotp } from '$domain/factors/remove-totp';
import { renamePasskey } from '$domain/factors/rename-passkey';
import { getMyFactors } from '$domain/factors/security-overview';
import { startTotpSetup } from '$domain/factors/totp-setup';
import { getSecondFactorRequirement, setSecondFactorRequirement } from '$domain/workspaces/second-factor-requirement';
import { accountScope, actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

/** Settings -> Security: my passkeys, authenticator app, recovery codes and sessions; the workspace's requirement. */
export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const account = accountScope(locals, url);
	const [factors, sessions, requirement] = await Promise.all([
		loadOrError(() => getMyFactors(account)),
		loadOrError(() => listMySessions(account)),
		loadOrError(() => getSecondFactorRequirement(scope))
	]);
	return { factors, sessions, requirement };
};

const field = (values: Record<string, unknown>, key: string) => String(values[key] ?? '');

export const actions = {
	renamePasskey: async ({ locals, url, request }) => {
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				done: 'renamed',
				...(await renamePasskey({ ...accountScope(locals, url), passkeyId: field(values, 'passkeyId'), input: values }))
			}),
			{ ...values, _action: 'renamePasskey' }
		);
	},
	removePasskey: async ({ locals, url, request }) => {
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				done: 'passkeyRemoved',
				...(await removePasskey({ ...accountScope(locals, url), passkeyId: field(values, 'passkeyId') }))
			}),
			{ ...values, _action: 'removePasskey' }
		);
	},
	startTotp: async ({ locals, url }) => {
		const result = await actionOrFail(() => startTotpSetup(accountScope(locals, url)), { _action: 'startTotp' });
		if ('secret' in result) redirect(303, '/settings/security/authenticator');
		return result;
	},
	removeTotp: async ({ locals, url }) =>
		actionOrFail(async () => ({ done: 'totpRemoved', ...(await removeTotp(accountScope(locals, url))) }), {
			_action: 'removeTotp'
		}),
	renewCodes: async ({ locals, url }) =>
		actionOrFail(
			async () => ({ done: 'codes', recoveryCodes: (await renewRecoveryCodes(accountScope(locals, url))).codes }),
			{ _action: 'renewCodes' }
		),
	signOut: async ({ locals, url, request, cookies }) => {
		const values = formObject(await request.formData());
		const result = await actionOrFail(
			() => signOutSession({ ...accountScope(locals, url), sessionPublicId: field(values, 'sessionId') }),
			{ ...values, _action: 'signOut' }
		);
		if ('current' in result && result.current) {
			cookies.delete(SESSION_COOKIE, cookieOptions(locals.services.config, url));
			redirect(303, '/login');
		}
		return 'current' in result ? { done: 'signedOut' } : result;
	},
	signOutOthers: async ({ locals, url }) =>
		actionOrFail(
			async () => ({ done: 'signedOutOthers', ...(await signOutOtherSessions(accountScope(locals, url))) }),
			{ _action: 'signOutOthers' }
		),
	requirement: async ({ locals, url, request }) => {
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				done: 'requirement',
				...(await setSecondFactorRequirement({ ...staffScope(locals, url), input: values }))
			}),
			{ ...values, _action: 'requirement' }
		);
	}
};
