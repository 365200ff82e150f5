import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoices, payments, webhookEvents } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import { ACME, DEMO, emailsTo, scopes, seed, testServices } from '../../../tests/helpers';
import {
	chargeSuccess,
	configurePaystack,
	paystackApi,
	paystackResponses,
	signature,
	TEST_SECRET
} from '../../../tests/fixtures/paystack';
import type { Services } from '../../services';
import { deliverWebhook, paymentState } from '../../../tests/fixtures/webhook-delivery';
import { DEV_STANDIN_SECRET } from '../../services/paystack-keys';
import { confirmPayment } from './confirm-payment';
import { startPayment } from './start-payment';

const ACME_SECRET = 'sk_test_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** Demo workspace with Paystack keys, and a pending payment for the whole of INV-0004 made through Pay now. */
async function pendingPayment(invoiceId: string = INVOICES.sentId) {
	const services = await seed(testServices());
	await configurePaystack(services, DEMO.workspaceId);
	const api = paystackApi({ initialize: (body) => paystackResponses.initialized(String(body.reference)) });
	const withApi = testServices({ fetch: api });
	const { casey } = await scopes(withApi);
	const { reference } = await startPayment({ ...casey, invoiceId });
	const payment = (await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!;
	return { services, reference, payment, casey };
}

const deliver = (body: string, sig: string | null, slug?: string) => deliverWebhook('paystack', body, sig, slug);
const state = paymentState;

const receipts = async (services: Services) =>
	(await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'));
const staffNotes = async (services: Services) =>
	(await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.subject.startsWith('Payment received'));

afterEach(() => vi.restoreAllMocks());

describe('POST /webhooks/paystack/:workspace', () => {
	it('accepts a correctly signed charge.success and marks the invoice paid, with receipts and an activity entry', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD', id: 777 });
		const res = await deliver(body, await signature(body));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, outcome: 'applied' });
		const after = await state(services, reference);
		expect(after.invoice).toMatchObject({
			status: 'paid',
			amountPaidMinor: after.invoice.totalMinor,
			paidAt: expect.any(Number)
		});
		expect(after.payment).toMatchObject({
			status: 'succeeded',
			providerTransactionId: '777',
			paidAt: Date.parse('2026-11-20T14:21:32.000Z')
		});
		expect(after.events).toHaveLength(1);
		expect(after.feed).toHaveLength(1);
		expect(after.feed[0].summary).toBe('Payment of $2,037.50 received for INV-0004 via Paystack');
		const [receipt, ...more] = await receipts(services);
		expect(more).toEqual([]);
		expect(receipt.text).toContain('$2,037.50');
		expect(receipt.attachments.map((a) => a.filename)).toEqual(['Receipt INV-0004.pdf', 'INV-0004.pdf']);
		expect(await staffNotes(services)).toHaveLength(1);
	});

	it('rejects a wrong, missing or foreign signature and changes nothing', async () => {
		const { services, reference, payment } = await pendingPayment();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		const before = await state(services, reference);
		for (const sig of [
			await signature(body, 'sk_test_not_the_right_key_at_all_000000000'),
			null,
			'deadbeef',
			await signature(body, DEV_STANDIN_SECRET),
			(await signature(body)).slice(0, -2)
		]) {
			const res = await deliver(body, sig);
			expect(res.status, String(sig)).toBe(401);
			expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
		}
		// Acme's key does not sign for the demo workspace.
		await configurePaystack(services, ACME.workspaceId, ACME_SECRET);
		expect((await deliver(body, await signature(body, ACME_SECRET))).status).toBe(401);
		expect(await state(services, reference)).toEqual(before);
		const logged = JSON.stringify(warn.mock.calls);
		expect(logged).toContain('bad signature');
		expect(logged).not.toContain(TEST_SECRET);
		expect(logged).not.toContain(ACME_SECRET);
		expect(logged).not.toContain('charge.success');
	});

	it('rejects a tampered body (signed, then the amount changed)', async () => {
		const { services, reference, payment } = await pendingPayment();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const genuine = chargeSuccess({ reference, amount: 100, currency: 'USD' });
		const sig = await signature(genuine);
		const tampered = genuine.replace('"amount":100', `"amount":${payment.amountMinor}`);
		expect(tampered).not.toBe(genuine);
		expect((await deliver(tampered, sig)).status).toBe(401);
		expect((await state(services, reference)).payment.status).toBe('pending');
	});

	it('counts a delivery replayed ten times once, sequentially and concurrently', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		const sig = await signature(body);
		const outcomes: string[] = [];
		for (let i = 0; i < 10; i++)
			outcomes.push(((await (await deliver(body, sig)).json()) as { outcome: string }).outcome);
		expect(outcomes).toEqual(['applied', ...Array(9).fill('duplicate')]);
		const concurrent = await Promise.all(Array.from({ length: 10 }, () => deliver(body, sig)));
		expect(concurrent.map((r) => r.status)).toEqual(Array(10).fill(200));
		const after = await state(services, reference);
		expect(after.invoice.amountPaidMinor).toBe(after.invoice.totalMinor);
		expect(after.events).toHaveLength(1);
		expect(after.feed).toHaveLength(1);
		expect(await receipts(services)).toHaveLength(1);
		expect(await staffNotes(services)).toHaveLength(1);
	});

	it('applies a payment once when ten deliveries arrive at the same time', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		const sig = await signature(body);
		const results = await Promise.all(
			Array.from({ length: 10 }, async () => ((await (await deliver(body, sig)).json()) as { outcome: string }).outcome)
		);
		expect(results.filter((o) => o === 'applied')).toHaveLength(1);
		const after = await state(services, reference);
		expect(after.invoice).toMatchObject({ status: 'paid', amountPaidMinor: after.invoice.totalMinor });
		expect(after.feed).toHaveLength(1);
		expect(await receipts(services)).toHaveLength(1);
	});

	it('counts once when the callback page and the webhook race', async () => {
		const { services, reference, payment } = await pendingPayment();
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		const sig = await signature(body);
		const api = paystackApi({
			verify: (ref) => paystackResponses.verified({ reference: ref, amount: payment.amountMinor, currency: 'USD' })
		});
		const callbackServices = testServices({ fetch: api });
		const { casey } = await scopes(callbackServices);
		const [hook, callback] = await Promise.all([
			deliver(body, sig),
			confirmPayment({ ...casey, invoiceId: INVOICES.sentId, input: { reference } })
		]);
		expect(hook.status).toBe(200);
		expect(callback.outcome).toBe('succeeded');
		await callbackServices.settle();
		const after = await state(services, reference);
		expect(after.invoice).toMatchObject({ status: 'paid', amountPaidMinor: after.invoice.totalMinor });
		expect(after.payment.status).toBe('succeeded');
		expect(after.feed).toHaveLength(1);
		expect(await receipts(services)).toHaveLength(1);
		expect(await staffNotes(services)).toHaveLength(1);
	});

	it('rejects a wrong amount or currency and changes nothing', async () => {
		const { services, reference, payment } = await pendingPayment();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const before = await state(services, reference);
		for (const wrong of [
			{ amount: payment.amountMinor - 1, currency: 'USD' },
			{ amount: payment.amountMinor + 100, currency: 'USD' },
			{ amount: payment.amountMinor, currency: 'NGN' }
		]) {
			const body = chargeSuccess({ reference, ...wrong });
			const res = await deliver(body, await signature(body));
			expect(res.status, JSON.stringify(wrong)).toBe(409);
		}
		expect(await state(services, reference)).toEqual(before);
	});

	it('rejects an unknown reference, and a reference of another workspace, and changes nothing', async () => {
		const { services, reference, payment } = await pendingPayment();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const unknown = chargeSuccess({ reference: 'cp-00000000000000000000000000000000', amount: 1000, currency: 'USD' });
		const res = await deliver(unknown, await signature(unknown));
		expect(res.status).toBe(404);
		expect(JSON.stringify(warn.mock.calls)).toContain('unknown reference');
		// A genuine Acme delivery cannot reach a demo payment.
		await configurePaystack(services, ACME.workspaceId, ACME_SECRET);
		const cross = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		expect((await deliver(cross, await signature(cross, ACME_SECRET), ACME.slug)).status).toBe(404);
		expect(await services.db.select().from(webhookEvents)).toEqual([]);
		expect((await state(services, reference)).payment.status).toBe('pending');
	});

	it('acknowledges other events without acting on them', async () => {
		const { services, reference } = await pendingPayment();
		const body = JSON.stringify({
			event: 'transfer.success',
			data: { reference, amount: 100, currency: 'USD', status: 'success' }
		});
		const res = await deliver(body, await signature(body));
		expect(await res.json()).toEqual({ ok: true, outcome: 'ignored' });
		expect((await state(services, reference)).payment.status).toBe('pending');
	});

	it('still applies a success that follows a failed attempt on the same reference (out of order)', async () => {
		const { services, reference, payment } = await pendingPayment();
		await services.db
			.update(payments)
			.set({ status: 'failed', failureReason: 'Declined' })
			.where(eq(payments.id, payment.id));
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		expect(await (await deliver(body, await signature(body))).json()).toMatchObject({ outcome: 'applied' });
		expect((await state(services, reference)).invoice.status).toBe('paid');
		expect(await receipts(services)).toHaveLength(1);
	});

	it('pays off the rest of a partly paid invoice', async () => {
		const { services, reference, payment } = await pendingPayment(INVOICES.partialId);
		const before = (await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.partialId)).get())!;
		expect(payment.amountMinor).toBe(before.totalMinor - before.amountPaidMinor);
		const body = chargeSuccess({ reference, amount: payment.amountMinor, currency: 'USD' });
		await deliver(body, await signature(body));
		expect(await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.partialId)).get()).toMatchObject({
			status: 'paid',
			amountPaidMinor: before.totalMinor
		});
	});

	it('answers 404 for an unknown workspace and 400 for a signed body that is not an event', async () => {
		const { reference } = await pendingPayment();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const body = chargeSuccess({ reference, amount: 1, currency: 'USD' });
		expect((await deliver(body, await signature(body), 'nobody')).status).toBe(404);
		const junk = 'not json';
		expect((await deliver(junk, await signature(junk))).status).toBe(400);
	});
});
