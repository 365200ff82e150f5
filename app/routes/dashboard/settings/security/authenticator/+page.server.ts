import { confirmTotpSetup } from '$domain/factors/confirm-totp-setup';
import { getPendingTotp } from '$domain/factors/totp-setup';
import { accountScope, actionOrFail, formObject, loadOrError } from '$lib/server/kit';

/** Settings -> Security -> set up an authenticator app: the QR code of the setup started there, and the code to confirm it. */
export const load = async ({ locals, url }) => {
	const account = accountScope(locals, url);
	return { setup: await loadOrError(() => getPendingTotp(account)) };
};

export const actions = {
	// Not redirected: the recovery codes (first factor) are shown on this answer, once.
	confirm: async ({ locals, url, request }) => {
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				done: true as const,
				...(await confirmTotpSetup({ ...accountScope(locals, url), input: values }))
			}),
			{ _action: 'confirm' }
		);
	}
};
