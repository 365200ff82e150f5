import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activity, invoices, payments } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import {
	DEMO,
	emailsTo,
	fixedClock,
	inDays,
	hosts,
	requestSettled,
	scopes,
	seed,
	testClock,
	testServices,
	type TestServices
} from '../../../tests/helpers';
import {
	chargeSuccess,
	configurePaystack,
	paystackApi,
	paystackResponses,
	signature
} from '../../../tests/fixtures/paystack';
import type { Services } from '../../services';
import { runScheduledJobs } from '../../scheduled';
import { ABANDON_AFTER_MS, ABANDONED_REASON, abandonStalePayments } from './abandon-stale-payments';
import { confirmPayment } from './confirm-payment';
import { recordManualPayment } from './record-manual-payment';
import { startPayment } from './start-payment';

const HOUR = 3_600_000;

/** Casey opens checkout for INV-0004 `ageMs` ago and never comes back. */
async function checkoutOpened(ageMs: number, seeded?: TestServices) {
	const services = seeded ?? (await seed(testServices()));
	if (!seeded) await configurePaystack(services, DEMO.workspaceId);
	const clock = fixedClock(testClock.now() - ageMs);
	const api = paystackApi({ initialize: (body) => paystackResponses.initialized(String(body.reference)) });
	const { casey } = await scopes(testServices({ fetch: api, clock }));
	const { reference } = await startPayment({ ...casey, invoiceId: INVOICES.sentId });
	return { services, reference };
}

/** The cron's services, with Paystack answering verify for every reference with this status (for INV-0004's full amount). */
function cronAsking(status: 'abandoned' | 'success' | 'failed' | 'unreachable', amount = 203_750) {
	const api = paystackApi({
		verify: (ref) =>
			status === 'unreachable'
				? new Response('bad gateway', { status: 502 })
				: paystackResponses.verified({ reference: ref, amount, currency: 'USD', status })
	});
	return Object.assign(testServices({ fetch: api }), { calls: api.calls });
}

const paymentOf = async (services: Services, reference: string) =>
	(await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!;
const invoiceOf = async (services: Services) =>
	(await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!;

function deliver(body: string, sig: string) {
	return requestSettled(hosts.dashboard, `/webhooks/paystack/${DEMO.slug}`, {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', 'x-paystack-signature': sig }
	});
}

afterEach(() => vi.restoreAllMocks());

describe('abandoning stale checkouts (scheduled)', () => {
	it('marks a checkout still pending after 24 hours abandoned, once, and leaves younger ones and settled ones alone', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		const young = await startPayment({
			...(
				await scopes(
					testServices({
						fetch: paystackApi({ initialize: (b) => paystackResponses.initialized(String(b.reference)) })
					})
				)
			).casey,
			invoiceId: INVOICES.sentId
		});
		const before = await invoiceOf(services);

		expect(await abandonStalePayments({ services: cronAsking('abandoned') })).toBe(1);
		const abandoned = await paymentOf(services, reference);
		expect(abandoned).toMatchObject({ status: 'abandoned', failureReason: ABANDONED_REASON });
		expect((await paymentOf(services, young.reference)).status).toBe('pending');
		// Seeded succeeded payments are older than a day and untouched.
		expect((await services.db.select().from(payments).where(eq(payments.status, 'succeeded'))).length).toBeGreaterThan(
			0
		);
		// Nothing about the invoice changes: it is still payable.
		expect(await invoiceOf(services)).toEqual(before);

		// Idempotent: running again (or twice at once) changes nothing more.
		expect(
			await Promise.all([
				abandonStalePayments({ services: cronAsking('abandoned') }),
				abandonStalePayments({ services: cronAsking('abandoned') })
			])
		).toEqual([0, 0]);
		expect(await paymentOf(services, reference)).toEqual(abandoned);
	});

	it('runs from the every-minute cron', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		const report = await runScheduledJobs(cronAsking('abandoned'));
		expect(report['stale payments settled']).toBe(1);
		expect((await paymentOf(services, reference)).status).toBe('abandoned');
	});

	it('still applies a late charge.success for an abandoned checkout, exactly once, with receipts', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + 2 * HOUR);
		await abandonStalePayments({ services: cronAsking('abandoned') });
		const payment = await paymentOf(services, reference);
		expect(payment.status).toBe('abandoned');

		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD', id: 9001 });
		const sig = await signature(body);
		const first = await deliver(body, sig);
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ ok: true, outcome: 'applied' });
		expect(await (await deliver(body, sig)).json()).toEqual({ ok: true, outcome: 'duplicate' });

		expect(await paymentOf(services, reference)).toMatchObject({
			status: 'succeeded',
			failureReason: null,
			providerTransactionId: '9001'
		});
		const invoice = await invoiceOf(services);
		expect(invoice).toMatchObject({ status: 'paid', amountPaidMinor: invoice.totalMinor });
		const feed = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.verb, 'invoice.payment_received'), eq(activity.subjectId, payment.id)));
		expect(feed).toHaveLength(1);
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);
		// The cron never touches it again.
		expect(await abandonStalePayments({ services: cronAsking('abandoned') })).toBe(0);
		expect((await paymentOf(services, reference)).status).toBe('succeeded');
	});

	it('ends succeeded whichever lands first when the cron and a charge.success race', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		const payment = await paymentOf(services, reference);
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		const sig = await signature(body);
		const [hook] = await Promise.all([
			deliver(body, sig),
			abandonStalePayments({ services: cronAsking('abandoned') }),
			abandonStalePayments({ services: cronAsking('abandoned') })
		]);
		expect(hook.status).toBe(200);
		expect(await abandonStalePayments({ services: cronAsking('abandoned') })).toBe(0);
		expect((await paymentOf(services, reference)).status).toBe('succeeded');
		const invoice = await invoiceOf(services);
		expect(invoice).toMatchObject({ status: 'paid', amountPaidMinor: invoice.totalMinor });
	});

	it('still verifies a late charge.success for an abandoned checkout: a wrong amount or currency is refused and changes nothing', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		await abandonStalePayments({ services: cronAsking('abandoned') });
		const payment = await paymentOf(services, reference);
		const before = await invoiceOf(services);
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		for (const tx of [
			{ reference, amount: payment.amountMinor - 1, currency: 'USD' },
			{ reference, amount: payment.amountMinor, currency: 'NGN' }
		]) {
			const body = chargeSuccess(tx);
			expect((await deliver(body, await signature(body))).status).toBe(409);
		}
		expect((await paymentOf(services, reference)).status).toBe('abandoned');
		expect(await invoiceOf(services)).toEqual(before);
	});

	it('lets the callback page confirm an abandoned checkout that Paystack says succeeded', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		await abandonStalePayments({ services: cronAsking('abandoned') });
		const payment = await paymentOf(services, reference);
		const api = paystackApi({
			verify: (ref) => paystackResponses.verified({ reference: ref, amount: payment.amountMinor, currency: 'USD' })
		});
		const late = testServices({ fetch: api });
		const { casey } = await scopes(late);
		expect((await confirmPayment({ ...casey, invoiceId: INVOICES.sentId, input: { reference } })).outcome).toBe(
			'succeeded'
		);
		await late.settle();
		expect((await paymentOf(services, reference)).status).toBe('succeeded');
		expect((await invoiceOf(services)).status).toBe('paid');
	});

	it('records a late checkout that lands after staff recorded the invoice paid, and tells staff to refund the overpayment', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		await abandonStalePayments({ services: cronAsking('abandoned') });
		const { demoOwner } = await scopes(services);
		await recordManualPayment({
			...demoOwner,
			invoiceId: INVOICES.sentId,
			input: { amount: '2037.50', paidOn: '2026-11-20', method: 'bank_transfer' }
		});
		await services.settle();
		const payment = await paymentOf(services, reference);
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		expect(await (await deliver(body, await signature(body))).json()).toEqual({ ok: true, outcome: 'applied' });

		const invoice = await invoiceOf(services);
		expect(invoice).toMatchObject({ status: 'paid', amountPaidMinor: 2 * invoice.totalMinor });
		const [entry] = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.verb, 'invoice.payment_received'), eq(activity.subjectId, payment.id)));
		expect(entry.summary).toBe(
			'Payment of $2,037.50 received for INV-0004 via Paystack (the invoice was already paid in full: refund this payment in Paystack)'
		);
		const [note] = (await emailsTo(services, DEMO.ownerEmail)).filter(
			(m) => m.subject.startsWith('Payment received') && m.text.includes('Paystack')
		);
		expect(note.text).toContain(
			'INV-0004 is now overpaid by $2,037.50: refund the difference in your Paystack dashboard.'
		);
	});

	it('asks Paystack first: a payment that went through without webhook or callback is applied, once, with receipts', async () => {
		const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR);
		const cron = cronAsking('success');
		expect(await abandonStalePayments({ services: cron })).toBe(1);
		await cron.settle();
		expect(cron.calls.map((c) => c.url)).toEqual([`https://api.paystack.co/transaction/verify/${reference}`]);
		expect(await paymentOf(services, reference)).toMatchObject({
			status: 'succeeded',
			providerTransactionId: '2009945086'
		});
		const invoice = await invoiceOf(services);
		expect(invoice).toMatchObject({ status: 'paid', amountPaidMinor: invoice.totalMinor });
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);
		// Nothing is left for the next run, and no second Paystack call is made.
		expect(await abandonStalePayments({ services: cron })).toBe(0);
		expect(cron.calls).toHaveLength(1);
	});

	it('marks a checkout Paystack declined failed, abandons one it reports for another amount, and abandons when Paystack cannot be reached', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { services: seeded } = await checkoutOpened(0);
		for (const [cron, status, reason] of [
			[cronAsking('failed'), 'failed', 'Declined'],
			[cronAsking('success', 100), 'abandoned', ABANDONED_REASON],
			[cronAsking('unreachable'), 'abandoned', ABANDONED_REASON]
		] as const) {
			const { services, reference } = await checkoutOpened(ABANDON_AFTER_MS + HOUR, seeded);
			const before = await invoiceOf(services);
			expect(await abandonStalePayments({ services: cron })).toBe(1);
			expect(await paymentOf(services, reference), status).toMatchObject({ status, failureReason: reason });
			expect(await invoiceOf(services)).toEqual(before);
		}
	});
});
