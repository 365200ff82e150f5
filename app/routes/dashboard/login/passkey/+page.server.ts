import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$domain/auth/email-address';

/** Passwordless staff sign-in with a passkey (the ceremony runs in the browser through /api/auth/passkeys/*). */
export const load = ({ locals, url }) => {
	const next = safeRedirect(url.searchParams.get('next'), '/');
	if (locals.request.actor.kind === 'staff') redirect(303, next);
	return { next };
};
