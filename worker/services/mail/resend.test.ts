import { describe, expect, it } from 'vitest';
import { fakeFetch, resendResponses } from '../../../tests/fixtures/resend';
import { deliverViaResend } from './resend';

function deliver(outbound: typeof fetch) {
	return deliverViaResend({
		fetch: outbound,
		apiKey: 're_test_key',
		idempotencyKey: 'eml_1',
		payload: {
			from: 'CoPortal <mail@coportal.test>',
			to: ['client@demo.test'],
			subject: 'Hi',
			html: '<p>Hi</p>',
			text: 'Hi'
		}
	});
}

describe('deliverViaResend', () => {
	it('returns the provider id of an accepted email', async () => {
		expect(await deliver(fakeFetch(resendResponses.ok))).toEqual({
			ok: true,
			providerId: '49a3999c-0ce1-4ea6-ab68-afcd6dc2e794'
		});
	});

	// Recorded error bodies from Resend's API reference; the typed name decides, so the two
	// 409s part ways: one is a request still in flight, the other a key reused for another payload.
	it.each([
		{ answer: '422 validation_error', response: resendResponses.validationError, retryable: false },
		{ answer: '409 invalid_idempotent_request', response: resendResponses.idempotencyKeyReused, retryable: false },
		{ answer: '429 rate_limit_exceeded', response: resendResponses.rateLimited, retryable: true },
		{ answer: '429 daily_quota_exceeded', response: resendResponses.dailyQuotaExceeded, retryable: true },
		{ answer: '409 concurrent_idempotent_requests', response: resendResponses.idempotencyKeyInFlight, retryable: true },
		{ answer: '500 internal_server_error', response: resendResponses.serverError, retryable: true },
		// No JSON (a proxy's HTML page): the SDK's application_error with the status.
		{ answer: '502 application_error', response: resendResponses.badGatewayHtml, retryable: true }
	])('Resend $answer: retryable $retryable', async ({ answer, response, retryable }) => {
		const outcome = await deliver(fakeFetch(response));
		expect(outcome).toEqual({ ok: false, error: expect.stringMatching(`^Resend ${answer}: .+`), retryable });
	});

	it('decides an error name it does not know by the status', async () => {
		const unknown = (status: number) => () =>
			Response.json({ statusCode: status, message: 'Something new.', name: 'brand_new_error' }, { status });
		expect(await deliver(fakeFetch(unknown(503)))).toMatchObject({ ok: false, retryable: true });
		expect(await deliver(fakeFetch(unknown(400)))).toMatchObject({ ok: false, retryable: false });
	});

	it('retries when Resend cannot be reached', async () => {
		const offline = (() => Promise.reject(new TypeError('Network connection lost.'))) as typeof fetch;
		expect(await deliver(offline)).toEqual({
			ok: false,
			error: 'Resend unreachable: Network connection lost.',
			retryable: true
		});
	});
});
