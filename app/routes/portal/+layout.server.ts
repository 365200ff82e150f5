import { viewerTimeZone } from '$domain/time-zones';
import { brandOf } from '$domain/branding/brand';
import { portalScope } from '$lib/server/kit';

export const load = ({ locals }) => {
	const scope = portalScope(locals);
	const { actor } = scope;
	return {
		brand: brandOf(scope.workspace, locals.services.urls),
		// Every date and time on the portal is shown in this zone ($lib/time).
		timeZone: viewerTimeZone(actor, scope.workspace),
		// What waits on the client, counted with the session (attention-counts.ts): the navigation's badges.
		attention: locals.request.attention ?? null,
		viewer:
			actor.kind === 'client'
				? { name: actor.name, email: actor.email, clientName: locals.request.clientName ?? '' }
				: null
	};
};
