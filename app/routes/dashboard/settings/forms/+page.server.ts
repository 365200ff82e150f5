import { redirect } from '@sveltejs/kit';
import { createIntakeForm } from '$domain/intake/create-intake-form';
import { listIntakeForms } from '$domain/intake/list-intake-forms';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { forms: await loadOrError(() => listIntakeForms(scope)) };
};

export const actions = {
	create: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const result = await actionOrFail(() => createIntakeForm({ ...scope, input: values }), values);
		if ('id' in result) redirect(303, `/settings/forms/${result.id}`);
		return result;
	}
};
