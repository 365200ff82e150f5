import { z } from 'zod';
import { ServiceUnavailableError } from './errors';

/**
 * Paystack's HTTP API (https://paystack.com/docs/api/transaction/), the two calls
 * we need. Amounts are in the currency's subunit (kobo, pesewas, cents), which is
 * exactly our minor units. Responses are validated; anything unexpected becomes a
 * ServiceUnavailableError with a message safe to show.
 */
export const PAYSTACK_API = 'https://api.paystack.co';
/** Every call gives up after this long, so a slow Paystack never holds a request open. */
export const PAYSTACK_TIMEOUT_MS = 10_000;

export type InitializeInput = {
	email: string;
	amountMinor: number;
	currency: string;
	reference: string;
	callbackUrl: string;
	metadata: Record<string, unknown>;
};

const initializeResponse = z.object({
	status: z.literal(true),
	message: z.string().optional(),
	data: z.object({ authorization_url: z.url(), access_code: z.string(), reference: z.string() })
});

/** The parts of a transaction (verify response `data`, webhook `data`) we check against our own record. */
export const paystackTransaction = z.object({
	id: z.union([z.number(), z.string()]).transform(String),
	status: z.string(),
	reference: z.string(),
	amount: z.number().int(),
	currency: z.string().transform((c) => c.toUpperCase()),
	paid_at: z.string().nullish(),
	gateway_response: z.string().nullish(),
	// The card, when Paystack lets us charge it again (charge_authorization) and the customer's email.
	authorization: z
		.object({
			authorization_code: z.string(),
			reusable: z.boolean().nullish(),
			last4: z.string().nullish(),
			brand: z.string().nullish(),
			card_type: z.string().nullish()
		})
		.nullish()
		.catch(null),
	customer: z.object({ email: z.string() }).nullish().catch(null)
});
export type PaystackTransaction = z.output<typeof paystackTransaction>;

const verifyResponse = z.object({ status: z.literal(true), message: z.string().optional(), data: paystackTransaction });
const errorResponse = z.object({ status: z.literal(false), message: z.string() });

export interface PaystackClient {
	initialize(input: InitializeInput): Promise<{ authorizationUrl: string; accessCode: string; reference: string }>;
	verify(reference: string): Promise<PaystackTransaction>;
	/** Charges a saved card (https://paystack.com/docs/api/transaction/#charge-authorization). */
	chargeAuthorization(input: {
		authorizationCode: string;
		email: string;
		amountMinor: number;
		currency: string;
		reference: string;
	}): Promise<PaystackTransaction>;
}

export function createPaystackClient(deps: {
	fetch: typeof fetch;
	secretKey: string;
	timeoutMs?: number;
}): PaystackClient {
	async function call(path: string, init: RequestInit = {}): Promise<unknown> {
		let response: Response;
		try {
			response = await deps.fetch(`${PAYSTACK_API}${path}`, {
				...init,
				headers: {
					authorization: `Bearer ${deps.secretKey}`,
					'content-type': 'application/json',
					accept: 'application/json'
				},
				signal: AbortSignal.timeout(deps.timeoutMs ?? PAYSTACK_TIMEOUT_MS)
			});
		} catch (cause) {
			throw new ServiceUnavailableError('Paystack did not answer. Please try again in a moment.', { cause });
		}
		const body = await response.json().catch(() => null);
		if (!response.ok) {
			const parsed = errorResponse.safeParse(body);
			// Paystack's own message (e.g. "Currency not supported by merchant") is safe and useful to show.
			throw new ServiceUnavailableError(
				parsed.success
					? `Paystack could not start the payment: ${parsed.data.message}`
					: `Paystack answered ${response.status}. Please try again.`
			);
		}
		return body;
	}

	return {
		async initialize(input) {
			const body = await call('/transaction/initialize', {
				method: 'POST',
				body: JSON.stringify({
					email: input.email,
					amount: input.amountMinor,
					currency: input.currency,
					reference: input.reference,
					callback_url: input.callbackUrl,
					metadata: input.metadata
				})
			});
			const parsed = initializeResponse.safeParse(body);
			if (!parsed.success) throw new ServiceUnavailableError('Paystack gave an unexpected answer. Please try again.');
			return {
				authorizationUrl: parsed.data.data.authorization_url,
				accessCode: parsed.data.data.access_code,
				reference: parsed.data.data.reference
			};
		},
		async verify(reference) {
			const body = await call(`/transaction/verify/${encodeURIComponent(reference)}`, { method: 'GET' });
			const parsed = verifyResponse.safeParse(body);
			if (!parsed.success) throw new ServiceUnavailableError('Paystack gave an unexpected answer. Please try again.');
			return parsed.data.data;
		},
		async chargeAuthorization(input) {
			const body = await call('/transaction/charge_authorization', {
				method: 'POST',
				body: JSON.stringify({
					authorization_code: input.authorizationCode,
					email: input.email,
					amount: input.amountMinor,
					currency: input.currency,
					reference: input.reference
				})
			});
			const parsed = verifyResponse.safeParse(body);
			if (!parsed.success) throw new ServiceUnavailableError('Paystack gave an unexpected answer. Please try again.');
			return parsed.data.data;
		}
	};
}
