import { fail, redirect } from '@sveltejs/kit';
import { endSession } from '$domain/auth/end-session';
import { cookieOptions, SESSION_COOKIE } from '$domain/auth/sessions';
import { consumeSignupLink, inspectSignupLink } from '$domain/workspaces/confirm-signup';

/** The emailed link opens this page; confirming is a POST, so link scanners cannot create the workspace. */
export const load = async ({ locals, url }) => {
	const inspection = await inspectSignupLink({ services: locals.services, token: url.searchParams.get('token') });
	const payload = inspection.payload;
	return {
		status: inspection.status,
		workspaceName: payload?.workspaceName,
		email: payload?.email,
		portalUrl: payload ? locals.services.urls.portal({ slug: payload.slug }) : undefined
	};
};

export const actions = {
	default: async ({ locals, url, request, cookies }) => {
		const result = await consumeSignupLink({
			services: locals.services,
			token: url.searchParams.get('token'),
			ip: locals.ip,
			userAgent: request.headers.get('user-agent')
		});
		if (result.status !== 'created') return fail(400, { status: result.status });
		await endSession({ ...locals.request, services: locals.services });
		cookies.set(
			SESSION_COOKIE,
			result.sessionToken,
			cookieOptions(locals.services.config, url, { expiresAt: result.expiresAt, now: locals.services.clock.now() })
		);
		// A new workspace lands on the getting-started checklist (the dashboard home).
		redirect(303, '/?welcome=1');
	}
};
