import { redirect } from '@sveltejs/kit';
import { logoutAction } from '$lib/server/auth-pages';

export const load = () => redirect(303, '/');
export const actions = { default: logoutAction };
