import { bytesToBase64 } from '../crypto';

export type ResendPayload = {
	from: string;
	to: string[];
	subject: string;
	html: string;
	text: string;
	reply_to?: string;
	attachments?: { filename: string; content: string }[];
};

export type DeliveryOutcome = { ok: true; providerId: string } | { ok: false; error: string; retryable: boolean };

export const RESEND_ENDPOINT = 'https://api.resend.com/emails';
export const RESEND_TIMEOUT_MS = 8000;

export function toResendAttachments(list: { filename: string; content: Uint8Array }[]) {
	return list.map((a) => ({ filename: a.filename, content: bytesToBase64(a.content) }));
}

/**
 * POST /emails (https://resend.com/docs/api-reference/emails/send-email).
 * Never throws and never hangs past the timeout: the caller records the outcome.
 */
export async function deliverViaResend(opts: {
	fetch: typeof fetch;
	apiKey: string;
	payload: ResendPayload;
	idempotencyKey: string;
	timeoutMs?: number;
}): Promise<DeliveryOutcome> {
	try {
		const response = await opts.fetch(RESEND_ENDPOINT, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${opts.apiKey}`,
				'Content-Type': 'application/json',
				'Idempotency-Key': opts.idempotencyKey
			},
			body: JSON.stringify(opts.payload),
			signal: AbortSignal.timeout(opts.timeoutMs ?? RESEND_TIMEOUT_MS)
		});
		const body = (await response.json().catch(() => ({}))) as { id?: string; message?: string; name?: string };
		if (response.ok && body.id) return { ok: true, providerId: body.id };
		const retryable = response.status === 429 || response.status === 409 || response.status >= 500;
		return { ok: false, error: `Resend ${response.status}: ${body.message ?? body.name ?? 'no message'}`, retryable };
	} catch (error) {
		const reason =
			error instanceof Error && error.name === 'TimeoutError'
				? 'timed out'
				: String((error as Error)?.message ?? error);
		return { ok: false, error: `Resend unreachable: ${reason}`, retryable: true };
	}
}
