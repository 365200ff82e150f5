import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { payments } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import {
	checkoutSession,
	configureStripe,
	sessionCompleted,
	stripeApi,
	stripeResponses,
	stripeSignature,
	type SessionFields
} from '../../../tests/fixtures/stripe';
import { deliverWebhook, paymentState } from '../../../tests/fixtures/webhook-delivery';
import {
	DEMO,
	emailsTo,
	fixedClock,
	scopes,
	seed,
	testClock,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import type { Services } from '../../services';
import { DEV_STRIPE_STANDIN_KEY } from '../../services/stripe-keys';
import { ABANDON_AFTER_MS, ABANDONED_REASON, abandonStalePayments } from './abandon-stale-payments';
import { startPayment } from './start-payment';

const HOUR = 3_600_000;
const INVOICE_TOTAL = 203_750; // INV-0004, USD
/** Each Checkout Session the stub opens carries the payment's reference in its id, so a retrieve can answer for it. */
const SESSION_PREFIX = 'cs_test_';

/** Demo with Stripe connected; Casey opens a Stripe checkout for INV-0004 `ageMs` ago and never comes back. */
async function stripeCheckoutOpened(ageMs: number, seeded?: TestServices) {
	const services = seeded ?? (await seed(testServices()));
	if (!seeded) await configureStripe(services, DEMO.workspaceId);
	const api = stripeApi({
		create: (form) => {
			const reference = form.get('client_reference_id') ?? '';
			return Response.json(
				checkoutSession({
					id: `${SESSION_PREFIX}${reference}`,
					reference,
					amount: Number(form.get('line_items[0][price_data][unit_amount]')),
					currency: form.get('line_items[0][price_data][currency]') ?? '',
					paymentStatus: 'unpaid'
				})
			);
		}
	});
	const { casey } = await scopes(testServices({ fetch: api, clock: fixedClock(testClock.now() - ageMs) }));
	const { reference } = await startPayment({ ...casey, invoiceId: INVOICES.sentId, input: { provider: 'stripe' } });
	return { services, reference };
}

/** The cron's services, with Stripe answering every session retrieve with this session (for INV-0004's full amount unless told). */
function cronAsking(session: Partial<SessionFields> | ((id: string) => Response)) {
	const api = stripeApi({
		retrieve: (id) =>
			typeof session === 'function'
				? session(id)
				: stripeResponses.session({
						id,
						reference: id.slice(SESSION_PREFIX.length),
						amount: INVOICE_TOTAL,
						currency: 'USD',
						...session
					})
	});
	return Object.assign(testServices({ fetch: api }), { calls: api.calls });
}

/** Stripe's answer to a request it failed on its side (https://docs.stripe.com/error-handling: type api_error). */
const stripeDown = () =>
	Response.json({ error: { type: 'api_error', message: 'An unknown error occurred' } }, { status: 500 });

const paymentOf = async (services: Services, reference: string) =>
	(await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!;
const receipts = async (services: Services) =>
	(await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'));

/** The payment succeeded with the session's PaymentIntent, the invoice is paid in full, with one activity entry and one receipt. */
async function expectAppliedOnce(services: Services, reference: string) {
	const after = await paymentState(services, reference);
	expect(after.payment).toMatchObject({
		status: 'succeeded',
		failureReason: null,
		providerTransactionId: 'pi_3QxYzAbCdEfGhIjK0abc1234'
	});
	expect(after.invoice).toMatchObject({ status: 'paid', amountPaidMinor: after.invoice.totalMinor });
	expect(after.feed.map((f) => f.summary)).toEqual(['Payment of $2,037.50 received for INV-0004 via Stripe']);
	expect(await receipts(services)).toHaveLength(1);
	return after;
}

afterEach(() => vi.restoreAllMocks());

describe('abandoning stale Stripe checkouts (scheduled)', () => {
	it('asks Stripe for the Checkout Session: a completed, paid one is applied once with receipts; a second run changes nothing and asks nothing', async () => {
		const { services, reference } = await stripeCheckoutOpened(ABANDON_AFTER_MS + HOUR);
		const cron = cronAsking({});
		expect(await abandonStalePayments({ services: cron })).toBe(1);
		await cron.settle();
		expect(cron.calls.map((c) => [c.method, new URL(c.url).pathname])).toEqual([
			['GET', `/v1/checkout/sessions/${SESSION_PREFIX}${reference}`]
		]);
		const after = await expectAppliedOnce(services, reference);

		expect(await abandonStalePayments({ services: cron })).toBe(0);
		await cron.settle();
		expect(cron.calls).toHaveLength(1);
		expect(await paymentState(services, reference)).toEqual(after);
		// The webhook arriving after all is a duplicate.
		const body = sessionCompleted({ reference, amount: INVOICE_TOTAL, currency: 'USD' });
		const res = await deliverWebhook('stripe', body, await stripeSignature(body, testClock.now()));
		expect(await res.json()).toEqual({ ok: true, outcome: 'duplicate' });
		expect(await receipts(services)).toHaveLength(1);
	});

	it('marks an expired session, or one still open and unpaid, abandoned and leaves the invoice payable', async () => {
		const { services: seeded } = await stripeCheckoutOpened(0);
		for (const session of [
			{ status: 'expired', paymentStatus: 'unpaid' },
			{ status: 'open', paymentStatus: 'unpaid' }
		]) {
			const { services, reference } = await stripeCheckoutOpened(ABANDON_AFTER_MS + HOUR, seeded);
			const before = await paymentState(services, reference);
			const cron = cronAsking(session);
			expect(await abandonStalePayments({ services: cron }), session.status).toBe(1);
			expect(cron.calls).toHaveLength(1);
			const after = await paymentState(services, reference);
			expect(after.payment, session.status).toMatchObject({ status: 'abandoned', failureReason: ABANDONED_REASON });
			expect(after.invoice).toEqual(before.invoice);
			expect(after.feed).toEqual([]);
		}
		expect(await receipts(seeded)).toEqual([]);
	});

	it('abandons a checkout when Stripe answers 500 or cannot be reached', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services: seeded } = await stripeCheckoutOpened(0);
		const unreachable = (() => {
			throw new TypeError('network down');
		}) as (id: string) => Response;
		for (const answer of [stripeDown, unreachable]) {
			const { services, reference } = await stripeCheckoutOpened(ABANDON_AFTER_MS + HOUR, seeded);
			const before = await paymentState(services, reference);
			expect(await abandonStalePayments({ services: cronAsking(answer) })).toBe(1);
			const after = await paymentState(services, reference);
			expect(after.payment).toMatchObject({ status: 'abandoned', failureReason: ABANDONED_REASON });
			expect(after.invoice).toEqual(before.invoice);
		}
		expect(warn).toHaveBeenCalledWith(
			'stale payment: could not check with the provider',
			expect.objectContaining({ provider: 'stripe', workspace: DEMO.slug })
		);
	});

	it('does not apply a session paid for another amount or currency: marked abandoned, like a Paystack mismatch, and logged', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services: seeded } = await stripeCheckoutOpened(0);
		for (const [session, mismatch] of [
			[{ amount: INVOICE_TOTAL - 1 }, 'amount'],
			[{ currency: 'EUR' }, 'currency']
		] as const) {
			const { services, reference } = await stripeCheckoutOpened(ABANDON_AFTER_MS + HOUR, seeded);
			const before = await paymentState(services, reference);
			expect(await abandonStalePayments({ services: cronAsking(session) })).toBe(1);
			const after = await paymentState(services, reference);
			expect(after.payment, mismatch).toMatchObject({ status: 'abandoned', failureReason: ABANDONED_REASON });
			expect(after.invoice).toEqual(before.invoice);
			expect(warn).toHaveBeenLastCalledWith(
				'stale payment: the provider reports a paid transaction that does not match our record',
				expect.objectContaining({ provider: 'stripe', reference, mismatch })
			);
		}
		expect(await receipts(seeded)).toEqual([]);
	});

	it('leaves a checkout younger than 24 hours, and a Stripe autopay charge, alone without asking Stripe', async () => {
		const { services, reference: young } = await stripeCheckoutOpened(ABANDON_AFTER_MS - HOUR);
		const { reference: autopay } = await stripeCheckoutOpened(ABANDON_AFTER_MS + HOUR, services);
		// An off-session charge Stripe left pending has a mandate and no Checkout Session to ask about.
		await services.db
			.update(payments)
			.set({ autopayMandateId: 'mandate_test', providerTransactionId: null })
			.where(eq(payments.reference, autopay));
		const youngBefore = await paymentOf(services, young);
		const autopayBefore = await paymentOf(services, autopay);
		const cron = cronAsking({});
		expect(await abandonStalePayments({ services: cron })).toBe(0);
		expect(cron.calls).toEqual([]);
		expect(await paymentOf(services, young)).toEqual(youngBefore);
		expect(await paymentOf(services, autopay)).toEqual(autopayBefore);
	});

	it('asks about at most `limit` checkouts per run, oldest first', async () => {
		const { services, reference: older } = await stripeCheckoutOpened(ABANDON_AFTER_MS + 2 * HOUR);
		const { reference: newer } = await stripeCheckoutOpened(ABANDON_AFTER_MS + HOUR, services);
		const cron = cronAsking({ status: 'expired', paymentStatus: 'unpaid' });
		expect(await abandonStalePayments({ services: cron, limit: 1 })).toBe(1);
		expect(cron.calls).toHaveLength(1);
		expect((await paymentOf(services, older)).status).toBe('abandoned');
		expect((await paymentOf(services, newer)).status).toBe('pending');
		expect(await abandonStalePayments({ services: cron, limit: 1 })).toBe(1);
		expect(cron.calls).toHaveLength(2);
		expect((await paymentOf(services, newer)).status).toBe('abandoned');
	});

	it('marks a stand-in checkout (development, the stand-in key) abandoned without calling anyone', async () => {
		const services = await seed(testServices());
		await configureStripe(services, DEMO.workspaceId, DEV_STRIPE_STANDIN_KEY);
		const nowhere = stripeApi({});
		const { casey } = await scopes(
			testServices({ fetch: nowhere, clock: fixedClock(testClock.now() - ABANDON_AFTER_MS - HOUR) })
		);
		const { reference } = await startPayment({ ...casey, invoiceId: INVOICES.sentId, input: { provider: 'stripe' } });
		const cron = cronAsking({});
		expect(await abandonStalePayments({ services: cron })).toBe(1);
		expect([...nowhere.calls, ...cron.calls]).toEqual([]);
		expect(await paymentOf(services, reference)).toMatchObject({
			status: 'abandoned',
			failureReason: ABANDONED_REASON
		});
	});

	it('still applies a late checkout.session.completed for an abandoned Stripe checkout, exactly once, with receipts', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services, reference } = await stripeCheckoutOpened(ABANDON_AFTER_MS + 2 * HOUR);
		await abandonStalePayments({ services: cronAsking(stripeDown) });
		expect((await paymentOf(services, reference)).status).toBe('abandoned');

		const body = sessionCompleted({ reference, amount: INVOICE_TOTAL, currency: 'USD' });
		const sig = await stripeSignature(body, testClock.now());
		const first = await deliverWebhook('stripe', body, sig);
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ ok: true, outcome: 'applied' });
		expect(await (await deliverWebhook('stripe', body, sig)).json()).toEqual({ ok: true, outcome: 'duplicate' });

		await expectAppliedOnce(services, reference);
		// The cron never touches it again.
		const cron = cronAsking({});
		expect(await abandonStalePayments({ services: cron })).toBe(0);
		expect(cron.calls).toEqual([]);
		expect((await paymentOf(services, reference)).status).toBe('succeeded');
	});
});
