import { Resend, type CreateEmailOptions, type ErrorResponse, type Response as ResendResponse } from 'resend';

export type DeliveryOutcome = { ok: true; providerId: string } | { ok: false; error: string; retryable: boolean };

export const RESEND_BASE_URL = 'https://api.resend.com';
export const RESEND_TIMEOUT_MS = 8000;

/**
 * Whether trying the same email again later can succeed, by Resend's typed error name
 * (https://resend.com/docs/api-reference/errors). A Record over the SDK's union, so an SDK
 * upgrade that adds a name fails tsc until it is decided here.
 */
const RETRYABLE: Record<ErrorResponse['name'], boolean> = {
	rate_limit_exceeded: true,
	// The first request with this key is still in flight: the retry gets its answer.
	concurrent_idempotent_requests: true,
	// The owner can raise the quota; the backoff gives up after half an hour anyway.
	daily_quota_exceeded: true,
	monthly_quota_exceeded: true,
	application_error: true,
	internal_server_error: true,
	validation_error: false,
	missing_required_field: false,
	invalid_attachment: false,
	invalid_from_address: false,
	invalid_parameter: false,
	invalid_region: false,
	invalid_access: false,
	invalid_idempotency_key: false,
	// Same key, different payload (409 like the concurrent case, but sending again cannot help).
	invalid_idempotent_request: false,
	missing_api_key: false,
	restricted_api_key: false,
	invalid_api_key: false,
	not_found: false,
	method_not_allowed: false,
	security_error: false
};

/** A name this table does not know (the API is newer than the SDK): decided by the status. */
function isRetryable(error: ErrorResponse): boolean {
	const byName = RETRYABLE[error.name] as boolean | undefined;
	if (byName !== undefined) return byName;
	const status = error.statusCode ?? 0;
	return status === 429 || status === 409 || status >= 500;
}

/**
 * The SDK sends with the global fetch and takes no fetch option; our services send through the
 * injected `services.fetch` (the one edge tests stub), so this client's requests go there instead.
 * Like the SDK's own, it never throws: an unreachable Resend is an error with no status.
 */
class WorkerResend extends Resend {
	constructor(
		apiKey: string,
		private readonly outbound: typeof fetch
	) {
		super(apiKey, { baseUrl: RESEND_BASE_URL });
	}

	override async fetchRequest<T>(path: string, options: RequestInit = {}): Promise<ResendResponse<T>> {
		try {
			const response = await this.outbound(`${this.baseUrl}${path}`, options);
			const headers = Object.fromEntries(response.headers);
			const body = (await response.json().catch((error: unknown) => {
				if (options.signal?.aborted) throw error;
				return null;
			})) as (T & Partial<ErrorResponse>) | null;
			if (response.ok && body) return { data: body, error: null, headers };
			const error: ErrorResponse = {
				name: body?.name ?? 'application_error',
				statusCode: body?.statusCode ?? response.status,
				message: body?.message ?? (response.statusText || 'no message')
			};
			return { data: null, error, headers };
		} catch (error) {
			const timedOut = error instanceof Error && error.name === 'TimeoutError';
			const message = timedOut ? 'timed out' : String((error as Error)?.message ?? error);
			return { data: null, error: { name: 'application_error', statusCode: null, message }, headers: null };
		}
	}
}

/**
 * Sends one email (POST /emails) with the log id as its Idempotency-Key.
 * Never throws and never hangs past the timeout: the caller records the outcome.
 */
export async function deliverViaResend(opts: {
	fetch: typeof fetch;
	apiKey: string;
	payload: CreateEmailOptions;
	idempotencyKey: string;
	timeoutMs?: number;
}): Promise<DeliveryOutcome> {
	const resend = new WorkerResend(opts.apiKey, opts.fetch);
	const { data, error } = await resend.emails.send(opts.payload, {
		idempotencyKey: opts.idempotencyKey,
		signal: AbortSignal.timeout(opts.timeoutMs ?? RESEND_TIMEOUT_MS)
	});
	if (data?.id) return { ok: true, providerId: data.id };
	if (!error) return { ok: false, error: 'Resend answered without an email id', retryable: false };
	const reason =
		error.statusCode === null
			? `Resend unreachable: ${error.message}`
			: `Resend ${error.statusCode} ${error.name}: ${error.message}`;
	return { ok: false, error: reason, retryable: isRetryable(error) };
}
