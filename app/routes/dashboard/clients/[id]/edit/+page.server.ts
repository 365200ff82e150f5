import { redirect } from '@sveltejs/kit';
import { updateClient } from '$domain/clients/update-client';
import { actionOrFail, formObject, staffScope } from '$lib/server/kit';

// The client itself comes from the layout (getClient, scoped to the workspace).
export const load = ({ locals, url }) => {
	staffScope(locals, url);
	return {};
};

export const actions = {
	default: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			await updateClient({ ...scope, clientId: params.id, input: values });
			redirect(303, `/clients/${params.id}`);
		}, values);
	}
};
