import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$domain/auth/email-address';
import { accountOf } from '$domain/factors/account';
import { confirmTotpSetup } from '$domain/factors/confirm-totp-setup';
import { getSecondStepOptions } from '$domain/factors/security-overview';
import { getPendingTotp, startTotpSetup } from '$domain/factors/totp-setup';
import { useRecoveryCode } from '$domain/factors/use-recovery-code';
import { verifyTotpCode } from '$domain/factors/verify-totp-code';
import { actionOrFail, formObject } from '$lib/server/kit';

/**
 * The second step of an email-link sign-in: a passkey, an authenticator code or a
 * recovery code (`verify`), or, in a workspace that requires a second factor, setting
 * one up (`enrol`). Only a pending session reaches it; the others are sent on.
 */
function pendingAccount(locals: App.Locals, url: URL) {
	const next = safeRedirect(url.searchParams.get('next'), '/');
	const { pending, actor } = locals.request;
	if (!pending) redirect(303, actor.kind === 'staff' ? next : '/login');
	return { account: accountOf(locals.services, locals.request), pending, next };
}

export const load = async ({ locals, url }) => {
	const { account, pending, next } = pendingAccount(locals, url);
	const who = { name: pending.name, email: pending.email, next };
	if (pending.need === 'verify')
		return { ...who, need: 'verify' as const, options: await getSecondStepOptions(account), totpSetup: null };
	return { ...who, need: 'enrol' as const, options: null, totpSetup: await getPendingTotp(account) };
};

export const actions = {
	totp: async ({ locals, url, request }) => {
		const { account, next } = pendingAccount(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => verifyTotpCode({ ...account, input: values }), { _action: 'totp' });
		if ('signedIn' in result) redirect(303, next);
		return result;
	},
	recovery: async ({ locals, url, request }) => {
		const { account, next } = pendingAccount(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => useRecoveryCode({ ...account, input: values }), { _action: 'recovery' });
		if ('signedIn' in result) redirect(303, next);
		return result;
	},
	startTotp: async ({ locals, url }) => {
		const { account } = pendingAccount(locals, url);
		const result = await actionOrFail(() => startTotpSetup(account), { _action: 'startTotp' });
		if ('secret' in result) redirect(303, url.pathname + url.search);
		return result;
	},
	confirmTotp: async ({ locals, url, request }) => {
		const { account } = pendingAccount(locals, url);
		const values = formObject(await request.formData());
		// Not redirected: the recovery codes are shown on this answer, once.
		return actionOrFail(
			async () => ({ enrolled: true as const, ...(await confirmTotpSetup({ ...account, input: values })) }),
			{ _action: 'confirmTotp' }
		);
	}
};
