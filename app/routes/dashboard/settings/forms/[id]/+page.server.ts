import { formDefinitionFromBuilder, FIELD_TYPE_LABELS } from '$domain/intake/form-definition';
import { getIntakeForm } from '$domain/intake/get-intake-form';
import { setIntakeFormStatus } from '$domain/intake/set-intake-form-status';
import { updateIntakeForm } from '$domain/intake/update-intake-form';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return {
		intake: await loadOrError(() => getIntakeForm({ ...scope, formId: params.id })),
		fieldTypes: FIELD_TYPE_LABELS
	};
};

// `save` also serves the builder's add / move / remove buttons: each keeps everything typed.
export const actions = {
	save: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const { definition, intent } = formDefinitionFromBuilder(formObject(await request.formData()));
		return actionOrFail(
			async () => ({ saved: intent, ...(await updateIntakeForm({ ...scope, formId: params.id, input: definition })) }),
			{ ...definition, _action: 'save' }
		);
	},
	status: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				statusChanged: (await setIntakeFormStatus({ ...scope, formId: params.id, input: values })).status
			}),
			{ _action: 'status' }
		);
	}
};
