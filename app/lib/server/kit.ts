import { error, fail, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { AppError, toAppError, type FieldErrors } from '$domain/errors';
import type { Scope } from '$domain/scope';
import { accountOf, type Account } from '$domain/factors/account';
import { secondFactorPath } from '$domain/auth/second-factor-path';

type Locals = App.Locals;

/** What a failed form action returns: a message, per-field errors, and the values to put back. */
export type FormFailure = { message: string; code: string; errors?: FieldErrors; values?: Record<string, unknown> };

function loginRedirect(url: URL): never {
	const next = url.pathname + url.search;
	redirect(303, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
}

/** The scope of a portal page; no such portal is a 404. */
export function portalScope(locals: Locals): Scope {
	const { workspace, actor } = locals.request;
	if (!workspace) error(404, { message: 'There is no client portal at this address.', code: 'portal_not_found' });
	return { services: locals.services, workspace, actor };
}

/** A portal page for signed-in clients only; others go to the login page and come back after. */
export function clientScope(locals: Locals, url: URL): Scope & { actor: Extract<Scope['actor'], { kind: 'client' }> } {
	const scope = portalScope(locals);
	if (scope.actor.kind !== 'client') loginRedirect(url);
	return scope as Scope & { actor: Extract<Scope['actor'], { kind: 'client' }> };
}

/** A dashboard page for signed-in staff only (a session still needing its second factor goes to that step). */
export function staffScope(locals: Locals, url: URL): Scope & { actor: Extract<Scope['actor'], { kind: 'staff' }> } {
	const { workspace, actor, pending } = locals.request;
	if (pending) redirect(303, secondFactorPath(url.pathname + url.search));
	if (!workspace || actor.kind !== 'staff') loginRedirect(url);
	return { services: locals.services, workspace, actor } as Scope & {
		actor: Extract<Scope['actor'], { kind: 'staff' }>;
	};
}

/** The signed-in staff member managing their own sign-in (a full session). */
export function accountScope(locals: Locals, url: URL): Account {
	staffScope(locals, url);
	return accountOf(locals.services, locals.request);
}

/**
 * The AppError a page should show for what a use case threw. SvelteKit's own redirects and HTTP errors,
 * and unexpected errors (for handleError), are thrown on unchanged.
 */
function expectedError(caught: unknown): AppError {
	if (isRedirect(caught) || isHttpError(caught)) throw caught;
	const e = toAppError(caught);
	if (e.code === 'internal') throw caught;
	return e;
}

/** Runs a use case for a load function: AppErrors become SvelteKit errors with the right status. */
export async function loadOrError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		const e = expectedError(caught);
		error(e.status, { message: e.message, code: e.code });
	}
}

/**
 * Runs a use case for a form action: validation and other expected errors come
 * back as fail() with the message, per-field errors and the submitted values
 * (so nothing typed is lost); unexpected errors still go to handleError.
 */
export async function actionOrFail<T>(work: () => Promise<T>, values?: Record<string, unknown>) {
	try {
		return await work();
	} catch (caught) {
		const e = expectedError(caught);
		if (e.code === 'unauthenticated') redirect(303, '/login');
		const failure: FormFailure = {
			message: e.message,
			code: e.code,
			...(e.fields ? { errors: e.fields } : {}),
			...(values ? { values: stripSecrets(values) } : {})
		};
		return fail(e.status, failure);
	}
}

/** Form data as a plain object (repeated keys become arrays); files are left out. */
export function formObject(data: FormData): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of data.entries()) {
		if (typeof value !== 'string') continue;
		const existing = out[key];
		out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return out;
}

function stripSecrets(values: Record<string, unknown>) {
	const copy = { ...values };
	for (const key of Object.keys(copy)) if (/secret|token|password/i.test(key)) delete copy[key];
	return copy;
}

export function clientIp(locals: Locals): string | null {
	return locals.ip;
}

export { AppError };
