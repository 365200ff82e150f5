import { getEmailPrefs } from '$domain/notifications/get-email-prefs';
import { updateEmailPrefs } from '$domain/notifications/update-email-prefs';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { prefs: await loadOrError(() => getEmailPrefs(scope)) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({ saved: true, ...(await updateEmailPrefs({ ...scope, input: values })) }),
			values
		);
	}
};
