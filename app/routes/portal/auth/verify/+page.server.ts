import { verifyAction, verifyLoad } from '$lib/server/auth-pages';

export const load = verifyLoad;
export const actions = { default: verifyAction };
