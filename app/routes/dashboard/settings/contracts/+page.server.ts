import { getContractSettings } from '$domain/contracts/get-contract-settings';
import { updateContractSettings } from '$domain/contracts/update-contract-settings';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { settings: await loadOrError(() => getContractSettings(scope)) };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({ saved: true, ...(await updateContractSettings({ ...scope, input: values })) }),
			values
		);
	}
};
