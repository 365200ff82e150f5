import { redirect } from '@sveltejs/kit';
import { createClient } from '$domain/clients/create-client';
import { actionOrFail, formObject, staffScope } from '$lib/server/kit';

export const load = ({ locals, url }) => {
	staffScope(locals, url);
	return {};
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { id } = await createClient({ ...scope, input: values });
			redirect(303, `/clients/${id}`);
		}, values);
	}
};
