/**
 * A service could not do its job for a reason outside the app's control: a third party did not
 * answer or answered something unexpected, or a server secret it needs is missing. The message
 * is safe to show to the person who asked.
 *
 * Services sit below the domain and know nothing of AppError: the domain translates this into
 * AppError('upstream_unavailable') with the same message (`fromService` in domain/errors.ts).
 */
export class ServiceUnavailableError extends Error {
	constructor(message: string, options: { cause?: unknown } = {}) {
		super(message, { cause: options.cause });
		this.name = 'ServiceUnavailableError';
	}
}
