import { listPublicIntakeForms } from '$domain/intake/list-public-intake-forms';
import { loginAction, loginLoad } from '$lib/server/auth-pages';
import { portalScope } from '$lib/server/kit';

/** The portal's sign-in page, which also lists the published intake forms for people new to the workspace. */
export const load = async (event) => {
	const login = loginLoad(event);
	return { ...login, intakeForms: await listPublicIntakeForms(portalScope(event.locals)) };
};
export const actions = { default: loginAction };
