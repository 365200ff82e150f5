import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoices, payments } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import { configurePaystack, paystackApi, paystackResponses, TEST_SECRET } from '../../../tests/fixtures/paystack';
import { DEMO, scopes, seed, testServices } from '../../../tests/helpers';
import type { Env } from '../../env';
import { buildServices, type ServiceOverrides } from '../../services';
import { getInvoice } from '../invoices/get-invoice';
import { confirmPayment } from './confirm-payment';
import { startPayment } from './start-payment';

async function withKeys(fetch: typeof globalThis.fetch) {
	const services = await seed(testServices({ fetch }));
	await configurePaystack(services, DEMO.workspaceId);
	return { services, ...(await scopes(services)) };
}

const initializeOk = () => paystackApi({ initialize: (body) => paystackResponses.initialized(String(body.reference)) });

function productionServices(vars: Partial<Env> = {}, overrides: ServiceOverrides = {}) {
	return buildServices({ ...env, ENVIRONMENT: 'production', ...vars } as Env, undefined, overrides);
}

afterEach(() => vi.restoreAllMocks());

describe('Pay now', () => {
	it('records a pending payment and initializes a Paystack transaction for the amount due, in minor units', async () => {
		const api = initializeOk();
		const { services, casey } = await withKeys(api);
		const { url, reference } = await startPayment({ ...casey, invoiceId: INVOICES.sentId });
		expect(url).toBe('https://checkout.paystack.com/0peioxfhpn');
		expect(reference).toMatch(/^cp-[0-9a-f]{32}$/);
		expect(api.calls).toHaveLength(1);
		const [call] = api.calls;
		expect(call.url).toBe('https://api.paystack.co/transaction/initialize');
		expect(call.method).toBe('POST');
		expect(call.headers.authorization).toBe(`Bearer ${TEST_SECRET}`);
		expect(call.body).toEqual({
			email: DEMO.caseyEmail,
			amount: 203_750, // $1,800.00 + 2.5 x $95.00
			currency: 'USD',
			reference,
			callback_url: `http://demo.localhost:8787/invoices/${INVOICES.sentId}/paid`,
			metadata: {
				invoice_id: INVOICES.sentId,
				invoice_number: 'INV-0004',
				workspace: 'demo',
				cancel_action: `http://demo.localhost:8787/invoices/${INVOICES.sentId}`
			}
		});
		const payment = await services.db.select().from(payments).where(eq(payments.reference, reference)).get();
		expect(payment).toMatchObject({
			status: 'pending',
			amountMinor: 203_750,
			currency: 'USD',
			invoiceId: INVOICES.sentId,
			clientId: DEMO.northwindId,
			provider: 'paystack'
		});
	});

	it('asks only for what is still due on a partly paid invoice', async () => {
		const api = initializeOk();
		const { services, casey } = await withKeys(api);
		await startPayment({ ...casey, invoiceId: INVOICES.partialId });
		const invoice = (await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.partialId)).get())!;
		expect((api.calls[0].body as { amount: number }).amount).toBe(invoice.totalMinor - invoice.amountPaidMinor);
	});

	it("refuses paid, void and draft invoices, other clients' invoices, and staff", async () => {
		const api = initializeOk();
		const { casey, oscar, acmeClient, demoOwner } = await withKeys(api);
		await expect(startPayment({ ...casey, invoiceId: INVOICES.paidId })).rejects.toMatchObject({
			code: 'conflict',
			message: 'INV-0001 is already paid.'
		});
		await expect(startPayment({ ...casey, invoiceId: INVOICES.voidId })).rejects.toMatchObject({ code: 'conflict' });
		await expect(startPayment({ ...casey, invoiceId: INVOICES.draftId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(startPayment({ ...oscar, invoiceId: INVOICES.sentId })).rejects.toMatchObject({ code: 'not_found' });
		await expect(startPayment({ ...acmeClient, invoiceId: INVOICES.sentId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(startPayment({ ...demoOwner, invoiceId: INVOICES.sentId })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(api.calls).toEqual([]);
	});

	it('marks the attempt failed and says why when Paystack refuses', async () => {
		const api = paystackApi({ initialize: () => paystackResponses.currencyNotSupported() });
		const { services, casey } = await withKeys(api);
		await expect(startPayment({ ...casey, invoiceId: INVOICES.sentId })).rejects.toMatchObject({
			code: 'upstream_unavailable',
			message: 'Paystack could not start the payment: Currency not supported by merchant'
		});
		const [payment] = await services.db.select().from(payments).where(eq(payments.invoiceId, INVOICES.sentId));
		expect(payment).toMatchObject({
			status: 'failed',
			failureReason: expect.stringContaining('Currency not supported')
		});
	});

	it('goes to the local stand-in checkout in development when the workspace has no keys', async () => {
		const api = initializeOk();
		const services = await seed(testServices({ fetch: api }));
		const { casey } = await scopes(services);
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.sentId })).canPayOnline).toBe(true);
		const { url, reference } = await startPayment({ ...casey, invoiceId: INVOICES.sentId });
		expect(url).toBe(`/dev/paystack/checkout?reference=${reference}`);
		expect(api.calls).toEqual([]);
	});

	it('offers no online payment in production when the workspace has no keys', async () => {
		const services = await seed(productionServices());
		const { casey } = await scopes(services);
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.sentId })).canPayOnline).toBe(false);
		await expect(startPayment({ ...casey, invoiceId: INVOICES.sentId })).rejects.toMatchObject({ code: 'conflict' });
		expect(await services.db.select().from(payments).where(eq(payments.invoiceId, INVOICES.sentId))).toEqual([]);
	});
});

describe('the callback page check', () => {
	async function paying(verify: (reference: string, amount: number) => Response) {
		const api = paystackApi({
			initialize: (body) => paystackResponses.initialized(String(body.reference)),
			verify: (ref) => verify(ref, 203_750)
		});
		const ctx = await withKeys(api);
		const { reference } = await startPayment({ ...ctx.casey, invoiceId: INVOICES.sentId });
		return { ...ctx, api, reference };
	}

	it('verifies the transaction by reference and applies it', async () => {
		const { services, casey, api, reference } = await paying((ref, amount) =>
			paystackResponses.verified({ reference: ref, amount, currency: 'USD' })
		);
		const result = await confirmPayment({ ...casey, invoiceId: INVOICES.sentId, input: { reference } });
		expect(result).toMatchObject({ outcome: 'succeeded', amountMinor: 203_750 });
		expect(api.calls[1]).toMatchObject({
			method: 'GET',
			url: `https://api.paystack.co/transaction/verify/${reference}`,
			headers: { authorization: `Bearer ${TEST_SECRET}` }
		});
		expect(await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get()).toMatchObject({
			status: 'paid',
			amountPaidMinor: 203_750
		});
		await services.settle();
		// A second visit (reload) asks nobody and changes nothing.
		expect((await confirmPayment({ ...casey, invoiceId: INVOICES.sentId, input: { reference } })).outcome).toBe(
			'succeeded'
		);
		expect(api.calls).toHaveLength(2);
	});

	it('does not trust a verified transaction with another amount or currency', async () => {
		for (const wrong of [
			{ amount: 1, currency: 'USD' },
			{ amount: 203_750, currency: 'NGN' }
		]) {
			const { services, casey, reference } = await paying((ref) =>
				paystackResponses.verified({ reference: ref, ...wrong })
			);
			const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
			const result = await confirmPayment({ ...casey, invoiceId: INVOICES.sentId, input: { reference } });
			expect(JSON.stringify(warn.mock.calls)).toContain('does not match');
			expect(result.outcome).toBe('failed');
			expect((await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!.status).toBe(
				'pending'
			);
			expect((await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!.status).toBe(
				'sent'
			);
		}
	});

	it('reports a declined payment and an unfinished one', async () => {
		const declined = await paying((ref, amount) =>
			paystackResponses.verified({ reference: ref, amount, currency: 'USD', status: 'failed' })
		);
		expect(
			(
				await confirmPayment({
					...declined.casey,
					invoiceId: INVOICES.sentId,
					input: { reference: declined.reference }
				})
			).outcome
		).toBe('failed');
		expect(
			(await declined.services.db.select().from(payments).where(eq(payments.reference, declined.reference)).get())!
				.status
		).toBe('failed');
		const abandoned = await paying((ref, amount) =>
			paystackResponses.verified({ reference: ref, amount, currency: 'USD', status: 'abandoned' })
		);
		expect(
			(
				await confirmPayment({
					...abandoned.casey,
					invoiceId: INVOICES.sentId,
					input: { reference: abandoned.reference }
				})
			).outcome
		).toBe('pending');
	});

	it("does not let another client check someone else's payment", async () => {
		const { oscar, reference } = await paying((ref, amount) =>
			paystackResponses.verified({ reference: ref, amount, currency: 'USD' })
		);
		await expect(confirmPayment({ ...oscar, invoiceId: INVOICES.sentId, input: { reference } })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(
			confirmPayment({ ...oscar, invoiceId: INVOICES.sentId, input: { reference: 'nonsense' } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
