import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { consumeLoginLink, inspectLoginLink, type LinkTarget } from '$domain/auth/consume-login-link';
import { requestPortalLoginLink, requestStaffLoginLink } from '$domain/auth/request-login-link';
import { endSession } from '$domain/auth/end-session';
import { requestFreshLink } from '$domain/auth/request-fresh-link';
import { cookieOptions, SESSION_COOKIE } from '$domain/auth/sessions';
import { actionOrFail, formObject } from './kit';

/** The login, verify and logout pages are the same on both sides; only the target differs. */
function targetOf(locals: App.Locals): LinkTarget {
	const { side, workspace } = locals.request;
	if (side === 'dashboard') return { side: 'dashboard' };
	if (!workspace) error(404, { message: 'There is no client portal at this address.', code: 'portal_not_found' });
	return { side: 'portal', workspace };
}

export function loginLoad({ locals, url }: { locals: App.Locals; url: URL }) {
	targetOf(locals);
	if (locals.request.actor.kind !== 'anonymous') redirect(303, '/');
	return { next: url.searchParams.get('next') ?? '' };
}

export async function loginAction({ request, locals }: { request: Request; locals: App.Locals }) {
	const target = targetOf(locals);
	const values = formObject(await request.formData());
	return actionOrFail(async () => {
		const { email } =
			target.side === 'portal'
				? await requestPortalLoginLink({
						services: locals.services,
						workspace: target.workspace,
						input: values,
						ip: locals.ip
					})
				: await requestStaffLoginLink({ services: locals.services, input: values, ip: locals.ip });
		return { sent: true, email };
	}, values);
}

export async function verifyLoad({ locals, url }: { locals: App.Locals; url: URL }) {
	const target = targetOf(locals);
	const inspection = await inspectLoginLink({
		services: locals.services,
		token: url.searchParams.get('token'),
		target
	});
	return {
		status: inspection.status,
		email: inspection.status === 'valid' ? inspection.email : undefined,
		// An expired or used link whose record is kept: the page offers a fresh one in one click.
		renewable: (inspection.status === 'expired' || inspection.status === 'used') && inspection.renewable,
		signedIn: locals.request.actor.kind !== 'anonymous'
	};
}

/** "Send me a fresh link": the same answer whatever happens (request-fresh-link.ts). */
function freshLink(locals: App.Locals, url: URL, target: LinkTarget) {
	return actionOrFail(async () => {
		await requestFreshLink({ services: locals.services, token: url.searchParams.get('token'), target, ip: locals.ip });
		return { fresh: true };
	});
}

export async function verifyAction({
	locals,
	url,
	request,
	cookies
}: {
	locals: App.Locals;
	url: URL;
	request: Request;
	cookies: Cookies;
}) {
	const target = targetOf(locals);
	// The page's one form action: "Continue and sign in", or "Send me a fresh link" (intent=fresh).
	if ((await request.formData()).get('intent') === 'fresh') return freshLink(locals, url, target);
	const result = await consumeLoginLink({
		services: locals.services,
		token: url.searchParams.get('token'),
		target,
		ip: locals.ip,
		userAgent: request.headers.get('user-agent')
	});
	if (result.status !== 'signed_in') return fail(400, { status: result.status });
	return replaceSession({ locals, url, cookies }, result);
}

/** Ends this request's session (if any), sets the cookie of the new one and goes where it leads. */
export async function replaceSession(
	{ locals, url, cookies }: { locals: App.Locals; url: URL; cookies: Cookies },
	session: { sessionToken: string; expiresAt: number; redirectTo: string }
): Promise<never> {
	await endSession({ ...locals.request, services: locals.services });
	cookies.set(
		SESSION_COOKIE,
		session.sessionToken,
		cookieOptions(locals.services.config, url, { expiresAt: session.expiresAt, now: locals.services.clock.now() })
	);
	redirect(303, session.redirectTo);
}

export async function logoutAction({ locals, url, cookies }: { locals: App.Locals; url: URL; cookies: Cookies }) {
	await endSession({ ...locals.request, services: locals.services });
	cookies.delete(SESSION_COOKIE, cookieOptions(locals.services.config, url));
	redirect(303, '/login');
}
