import { closeFeedbackRequest } from '$domain/feedback/close-feedback-request';
import { getProjectFeedback } from '$domain/feedback/get-project-feedback';
import { requestFeedback } from '$domain/feedback/request-feedback';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	return { feedback: await loadOrError(() => getProjectFeedback({ ...scope, projectId: params.id })) };
};

export const actions = {
	request: async ({ locals, url, params }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(
			async () => ({ requested: (await requestFeedback({ ...scope, projectId: params.id })).requestId }),
			{ _action: 'request' }
		);
	},
	close: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => ({
				closed: (await closeFeedbackRequest({ ...scope, requestId: String(values.requestId ?? '') })).closed
			}),
			{ ...values, _action: 'close' }
		);
	}
};
