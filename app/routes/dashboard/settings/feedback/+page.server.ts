import { feedbackOverview } from '$domain/feedback/feedback-overview';
import { loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { overview: await loadOrError(() => feedbackOverview({ ...scope, input: url.searchParams })) };
};
