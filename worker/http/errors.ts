import type { Context } from 'hono';
import { AppError, toAppError, type ErrorBody } from '../domain/errors';

/** The one mapping from errors to HTTP: { error: { code, message, fields? } } with the code's status. */
export function errorResponse(c: Context, error: unknown): Response {
	const appError = toAppError(error);
	if (appError.code === 'internal') {
		// Log the cause without request bodies or headers: those can hold tokens.
		console.error(
			'internal error',
			c.req.method,
			new URL(c.req.url).pathname,
			appError.cause instanceof Error ? appError.cause.stack : appError.cause
		);
	}
	const body: ErrorBody = { error: appError.toJSON() };
	const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
	if (appError.retryAfterSeconds) headers['Retry-After'] = String(appError.retryAfterSeconds);
	return c.json(body, appError.status as 400, headers);
}

/** A JSON body where one is optional (e.g. `recipients` when sending): no body at all is `{}`. */
export async function readOptionalJson(c: Context): Promise<unknown> {
	const length = c.req.header('content-length');
	if (!c.req.header('content-type') && (length === undefined || length === '0')) return {};
	return readJson(c);
}

/** Reads a JSON body; malformed JSON is a 400 with a clear message, not a 500. */
export async function readJson(c: Context): Promise<unknown> {
	const type = c.req.header('content-type') ?? '';
	if (!type.includes('application/json'))
		throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
	try {
		return await c.req.json();
	} catch {
		throw new AppError('bad_request', 'The request body is not valid JSON.');
	}
}
