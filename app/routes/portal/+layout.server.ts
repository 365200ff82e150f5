import { brandOf } from '$domain/branding/brand';
import { portalScope } from '$lib/server/kit';

export const load = ({ locals }) => {
	const scope = portalScope(locals);
	const { actor } = scope;
	return {
		brand: brandOf(scope.workspace, locals.services.urls),
		viewer: actor.kind === 'client' ? { name: actor.name, email: actor.email, clientName: locals.request.clientName ?? '' } : null
	};
};
