import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { payments } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import {
	configureStripe,
	sessionCompleted,
	STRIPE_SECRET,
	stripeApi,
	stripeResponses,
	stripeSignature
} from '../../../tests/fixtures/stripe';
import { ACME, DEMO, emailsTo, scopes, seed, testClock, testServices } from '../../../tests/helpers';
import type { Services } from '../../services';
import { deliverWebhook, paymentState } from '../../../tests/fixtures/webhook-delivery';
import { getInvoice } from '../invoices/get-invoice';
import { confirmPayment } from './confirm-payment';
import { startPayment } from './start-payment';

/** Demo workspace with Stripe connected, and a pending Stripe payment for the whole of INV-0004 made through Pay now. */
async function pendingPayment(invoiceId: string = INVOICES.sentId) {
	const services = await seed(testServices());
	await configureStripe(services, DEMO.workspaceId);
	const api = stripeApi({ create: (form) => stripeResponses.created(form) });
	const withApi = testServices({ fetch: api });
	const { casey } = await scopes(withApi);
	const { reference } = await startPayment({ ...casey, invoiceId, input: { provider: 'stripe' } });
	const payment = (await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!;
	return { services, reference, payment, casey, api };
}

const deliver = (body: string, sig: string | null, slug?: string) => deliverWebhook('stripe', body, sig, slug);
const state = paymentState;

const receipts = async (services: Services) =>
	(await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'));

afterEach(() => vi.restoreAllMocks());

describe('Pay now with Stripe', () => {
	it('opens a Checkout Session for the amount due with our reference, through the stripe package and our fetch', async () => {
		const { services, reference, payment, api } = await pendingPayment();
		expect(api.calls).toHaveLength(1);
		const [call] = api.calls;
		expect(call.method).toBe('POST');
		expect(new URL(call.url).pathname).toBe('/v1/checkout/sessions');
		expect(call.headers.authorization).toBe(`Bearer ${STRIPE_SECRET}`);
		expect(call.headers['idempotency-key']).toBe(`checkout-${reference}`);
		expect(Object.fromEntries(call.form)).toMatchObject({
			mode: 'payment',
			client_reference_id: reference,
			customer_email: DEMO.caseyEmail,
			'line_items[0][quantity]': '1',
			'line_items[0][price_data][currency]': 'usd',
			'line_items[0][price_data][unit_amount]': '203750',
			'line_items[0][price_data][product_data][name]': 'Invoice INV-0004',
			success_url: `http://demo.localhost:8787/invoices/${INVOICES.sentId}/paid?reference=${reference}`,
			cancel_url: `http://demo.localhost:8787/invoices/${INVOICES.sentId}`,
			'metadata[reference]': reference
		});
		expect(payment).toMatchObject({
			provider: 'stripe',
			status: 'pending',
			amountMinor: 203_750,
			providerTransactionId: 'cs_test_a1b2c3d4e5f6g7h8i9j0'
		});
		expect((await state(services, reference)).invoice.status).toBe('sent');
	});

	it('asks the client to choose when the workspace has two providers, and refuses one it has not connected', async () => {
		const services = await seed(testServices());
		const { casey } = await scopes(services);
		// Development: Paystack through the stand-in; Stripe not connected yet.
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.sentId })).paymentProviders).toEqual(['paystack']);
		await expect(
			startPayment({ ...casey, invoiceId: INVOICES.sentId, input: { provider: 'stripe' } })
		).rejects.toMatchObject({ code: 'validation_failed', fields: { provider: expect.any(String) } });
		await configureStripe(services, DEMO.workspaceId);
		const { casey: again } = await scopes(services);
		expect((await getInvoice({ ...again, invoiceId: INVOICES.sentId })).paymentProviders).toEqual([
			'paystack',
			'stripe'
		]);
		await expect(startPayment({ ...again, invoiceId: INVOICES.sentId })).rejects.toMatchObject({
			code: 'validation_failed',
			message: 'Choose how to pay: Paystack or Stripe.'
		});
		expect(await services.db.select().from(payments).where(eq(payments.invoiceId, INVOICES.sentId))).toEqual([]);
	});

	it('marks the attempt failed and says why when Stripe refuses', async () => {
		const services = await seed(testServices());
		await configureStripe(services, DEMO.workspaceId);
		const { casey } = await scopes(
			testServices({ fetch: stripeApi({ create: () => stripeResponses.invalidCurrency() }) })
		);
		await expect(
			startPayment({ ...casey, invoiceId: INVOICES.sentId, input: { provider: 'stripe' } })
		).rejects.toMatchObject({
			code: 'upstream_unavailable',
			message: 'Stripe could not start the payment: Invalid currency: xyz.'
		});
		const [payment] = await services.db.select().from(payments).where(eq(payments.invoiceId, INVOICES.sentId));
		expect(payment).toMatchObject({
			provider: 'stripe',
			status: 'failed',
			failureReason: expect.stringContaining('Invalid currency')
		});
	});
});

describe('POST /webhooks/stripe/:workspace', () => {
	it('accepts a correctly signed checkout.session.completed and marks the invoice paid, with a receipt and an activity entry', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD' });
		const res = await deliver(body, await stripeSignature(body, testClock.now()));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, outcome: 'applied' });
		const after = await state(services, reference);
		expect(after.invoice).toMatchObject({ status: 'paid', amountPaidMinor: after.invoice.totalMinor });
		expect(after.payment).toMatchObject({ status: 'succeeded', providerTransactionId: 'pi_3QxYzAbCdEfGhIjK0abc1234' });
		expect(after.events).toMatchObject([{ provider: 'stripe', outcome: 'processed' }]);
		expect(after.feed.map((f) => [f.summary, f.actorName])).toEqual([
			['Payment of $2,037.50 received for INV-0004 via Stripe', 'Stripe']
		]);
		expect(await receipts(services)).toHaveLength(1);
	});

	it('rejects a wrong, missing, foreign or stale signature, and a tampered body, and changes nothing', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services, reference, payment } = await pendingPayment();
		const body = sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD' });
		const now = testClock.now();
		const attempts = [
			await deliver(body, await stripeSignature(body, now, 'whsec_someoneelsesecret0000000000000')),
			await deliver(body, null),
			await deliver(body, 'garbage'),
			// Signed correctly but ten minutes ago (past Stripe's 5-minute tolerance): a replay.
			await deliver(body, await stripeSignature(body, now - 10 * 60_000)),
			// Signed, then the amount lowered.
			await deliver(
				body.replace(`"amount_total":${payment.amountMinor}`, '"amount_total":100'),
				await stripeSignature(body, now)
			)
		];
		expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
		const after = await state(services, reference);
		expect(after.payment.status).toBe('pending');
		expect(after.invoice.status).toBe('sent');
		expect(after.events).toEqual([]);
		expect(await receipts(services)).toEqual([]);
	});

	it('counts a replayed delivery once, and completed + async_payment_succeeded once', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD' });
		const sig = await stripeSignature(body, testClock.now());
		const outcomes = [];
		for (let i = 0; i < 3; i++)
			outcomes.push(((await (await deliver(body, sig)).json()) as { outcome: string }).outcome);
		const later = sessionCompleted(
			{ reference, amount: payment.amountMinor, currency: 'USD' },
			'evt_other',
			'checkout.session.async_payment_succeeded'
		);
		outcomes.push(
			((await (await deliver(later, await stripeSignature(later, testClock.now()))).json()) as { outcome: string })
				.outcome
		);
		expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
		const after = await state(services, reference);
		expect(after.invoice.amountPaidMinor).toBe(payment.amountMinor);
		expect(after.events).toHaveLength(1);
		expect(after.feed).toHaveLength(1);
		expect(await receipts(services)).toHaveLength(1);
	});

	it('applies a payment once when ten deliveries arrive at the same time', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD' });
		const sig = await stripeSignature(body, testClock.now());
		const results = await Promise.all(
			Array.from({ length: 10 }, async () => ((await (await deliver(body, sig)).json()) as { outcome: string }).outcome)
		);
		expect(results.filter((r) => r === 'applied')).toHaveLength(1);
		const after = await state(services, reference);
		expect(after.invoice).toMatchObject({ status: 'paid', amountPaidMinor: payment.amountMinor });
		expect(
			await services.db
				.select()
				.from(payments)
				.where(and(eq(payments.invoiceId, INVOICES.sentId), eq(payments.status, 'succeeded')))
		).toHaveLength(1);
		expect(after.feed).toHaveLength(1);
		expect(await receipts(services)).toHaveLength(1);
	});

	it('rejects a wrong amount or currency, an unpaid session and a reference of another workspace, and changes nothing', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services, reference, payment } = await pendingPayment();
		const now = testClock.now();
		const send = async (body: string, slug?: string) =>
			(await deliver(body, await stripeSignature(body, now), slug)).status;
		expect(await send(sessionCompleted({ reference, amount: payment.amountMinor - 1, currency: 'USD' }))).toBe(409);
		expect(await send(sessionCompleted({ reference, amount: payment.amountMinor, currency: 'EUR' }))).toBe(409);
		expect(
			await deliver(
				sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD', paymentStatus: 'unpaid' }),
				await stripeSignature(
					sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD', paymentStatus: 'unpaid' }),
					now
				)
			).then((r) => r.json())
		).toEqual({ ok: true, outcome: 'ignored' });
		// Acme has Stripe too, with its own secret: a delivery to Acme's URL about Demo's payment is not found there.
		await configureStripe(
			services,
			ACME.workspaceId,
			'sk_test_acmeacmeacmeacmeacmeacme',
			'whsec_acmeacmeacmeacmeacmeacme00'
		);
		const foreign = sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD' });
		expect(
			(await deliver(foreign, await stripeSignature(foreign, now, 'whsec_acmeacmeacmeacmeacmeacme00'), ACME.slug))
				.status
		).toBe(404);
		const after = await state(services, reference);
		expect(after.payment.status).toBe('pending');
		expect(after.invoice.status).toBe('sent');
	});

	it('answers 404 for an unknown workspace and 401 for a workspace without Stripe', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		await seed(testServices());
		const body = sessionCompleted({ reference: 'cp-00000000000000000000000000000000', amount: 100, currency: 'USD' });
		const sig = await stripeSignature(body, testClock.now());
		expect((await deliver(body, sig, 'no-such-workspace')).status).toBe(404);
		expect((await deliver(body, sig, DEMO.slug)).status).toBe(401);
	});
});

describe('the return page for a Stripe payment', () => {
	it('asks Stripe for the session and applies it once; the webhook afterwards is a duplicate', async () => {
		const { services, reference, payment, casey } = await pendingPayment();
		const api = stripeApi({
			retrieve: (id) => stripeResponses.session({ id, reference, amount: payment.amountMinor, currency: 'USD' })
		});
		const { casey: withApi } = await scopes(testServices({ fetch: api }));
		const result = await confirmPayment({ ...withApi, invoiceId: INVOICES.sentId, input: { reference } });
		expect(result.outcome).toBe('succeeded');
		expect(new URL(api.calls[0].url).pathname).toBe(`/v1/checkout/sessions/${payment.providerTransactionId}`);
		const body = sessionCompleted({ reference, amount: payment.amountMinor, currency: 'USD' });
		expect(await (await deliver(body, await stripeSignature(body, testClock.now()))).json()).toEqual({
			ok: true,
			outcome: 'duplicate'
		});
		expect((await state(services, reference)).invoice.status).toBe('paid');
		expect(casey.actor.kind).toBe('client');
	});

	it('says "not confirmed yet" while the session is unpaid or Stripe is down', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services, reference, payment } = await pendingPayment();
		const unpaid = stripeApi({
			retrieve: (id) =>
				stripeResponses.session({
					id,
					reference,
					amount: payment.amountMinor,
					currency: 'USD',
					paymentStatus: 'unpaid'
				})
		});
		const { casey } = await scopes(testServices({ fetch: unpaid }));
		expect((await confirmPayment({ ...casey, invoiceId: INVOICES.sentId, input: { reference } })).outcome).toBe(
			'pending'
		);
		const down = (async () => {
			throw new TypeError('network down');
		}) as unknown as typeof fetch;
		const { casey: offline } = await scopes(testServices({ fetch: down }));
		expect((await confirmPayment({ ...offline, invoiceId: INVOICES.sentId, input: { reference } })).outcome).toBe(
			'pending'
		);
		expect((await state(services, reference)).payment.status).toBe('pending');
	});
});
