import { getProjectFeedback } from '$domain/feedback/get-project-feedback';
import { submitFeedback } from '$domain/feedback/submit-feedback';
import { actionOrFail, clientScope, formObject, loadOrError } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = clientScope(locals, url);
	const { current } = await loadOrError(() => getProjectFeedback({ ...scope, projectId: params.id }));
	return { request: current };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = clientScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				saved: await submitFeedback({ ...scope, requestId: String(values.requestId ?? ''), input: values })
			}),
			values
		);
	}
};
