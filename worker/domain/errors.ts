import { z } from 'zod';
import { ServiceUnavailableError } from '../services/errors';

/**
 * The closed set of error codes. Every failure the user can cause maps to one
 * of these; anything else is a bug and becomes 'internal'.
 */
export const ERROR_STATUS = {
	bad_request: 400,
	validation_failed: 422,
	unauthenticated: 401,
	forbidden: 403,
	// Signed in with an email link, but a second factor must be verified (or set up) first.
	second_factor_required: 403,
	not_found: 404,
	conflict: 409,
	gone: 410,
	payload_too_large: 413,
	unsupported_media_type: 415,
	rate_limited: 429,
	upstream_unavailable: 503,
	internal: 500
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
	readonly code: ErrorCode;
	readonly fields?: FieldErrors;
	readonly retryAfterSeconds?: number;

	constructor(
		code: ErrorCode,
		message: string,
		options: { fields?: FieldErrors; retryAfterSeconds?: number; cause?: unknown } = {}
	) {
		super(message, { cause: options.cause });
		this.name = 'AppError';
		this.code = code;
		this.fields = options.fields;
		this.retryAfterSeconds = options.retryAfterSeconds;
	}

	get status(): number {
		return ERROR_STATUS[this.code];
	}

	toJSON() {
		return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) };
	}
}

export const notFound = (what = 'That page') => new AppError('not_found', `${what} could not be found.`);
export const forbidden = (message = 'You do not have access to this.') => new AppError('forbidden', message);

/** The one JSON error shape of the API: { error: { code, message, fields? } }. */
export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors } };

export function toAppError(error: unknown): AppError {
	if (error instanceof AppError) return error;
	if (error instanceof ServiceUnavailableError) return fromService(error);
	if (error instanceof z.ZodError) return validationError(error);
	return new AppError('internal', 'Something went wrong on our side. Please try again.', { cause: error });
}

/**
 * Services do not know AppError (they sit below the domain): a service that cannot do its job
 * throws ServiceUnavailableError with a message safe to show, and the domain turns it into this.
 */
export function fromService(error: ServiceUnavailableError): AppError {
	return new AppError('upstream_unavailable', error.message, { cause: error });
}

/** Awaits a service call, translating its ServiceUnavailableError into AppError (other errors pass through). */
export async function viaService<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw error instanceof ServiceUnavailableError ? fromService(error) : error;
	}
}

/** Turns a zod error into per-field messages (first message per field). */
export function validationError(error: z.ZodError, message = 'Please correct the highlighted fields.'): AppError {
	const fields: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.join('.') : '_';
		fields[key] ??= issue.message;
	}
	return new AppError('validation_failed', message, { fields });
}

/** Validates input with a schema, throwing a validation_failed AppError with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw validationError(result.error);
	return result.data;
}
