import { staffScope } from '$lib/server/kit';

/** Every settings page is for signed-in staff; owners may change most of it. */
export const load = ({ locals, url }) => {
	const { actor } = staffScope(locals, url);
	return { isOwner: actor.role === 'owner' };
};
