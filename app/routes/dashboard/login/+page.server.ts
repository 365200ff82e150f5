import { loginAction, loginLoad } from '$lib/server/auth-pages';

export const load = loginLoad;
export const actions = { default: loginAction };
