import { actionOrFail, staffScope } from '$lib/server/kit';
import { dismissOnboarding } from '$domain/workspaces/dismiss-onboarding';
import { getOnboarding } from '$domain/workspaces/get-onboarding';
import { workspaceOverview } from '$domain/workspaces/overview';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const [overview, onboarding] = await Promise.all([workspaceOverview(scope), getOnboarding(scope)]);
	return { overview, onboarding, welcome: url.searchParams.has('welcome') };
};

export const actions = {
	dismissOnboarding: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			await dismissOnboarding(scope);
			return { dismissed: true };
		});
	}
};
