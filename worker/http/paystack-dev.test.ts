import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { invoices, payments, webhookEvents } from '../../db/schema';
import { INVOICES } from '../dev/seed/ids';
import { chargeSuccess, configurePaystack, signature } from '../../tests/fixtures/paystack';
import { DEMO, emailsTo, hosts, request, requestSettled, seed, sessionCookie, testServices } from '../../tests/helpers';
import worker from '../index';
import type { Services } from '../services';
import { DEV_STANDIN_SECRET } from '../services/paystack-keys';

async function payNow(invoiceId = INVOICES.sentId) {
	const services = await seed(testServices());
	const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
	const res = await request(hosts.demo, `/api/invoices/${invoiceId}/pay`, { method: 'POST', cookie });
	expect(res.status).toBe(200);
	const { url, reference } = (await res.json()) as { url: string; reference: string };
	return { services, cookie, url, reference };
}

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

/** Requests to the Worker on another origin, with some vars replaced. */
function workerOn(origin: string, vars: Record<string, string>): Fetch {
	return async (path, init = {}) => {
		const ctx = createExecutionContext();
		const res = await worker.fetch(
			new Request(`${origin}${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
			{ ...env, ...vars },
			ctx
		);
		await waitOnExecutionContext(ctx);
		return res;
	};
}

const production = workerOn('https://demo.portal.example.com', {
	ENVIRONMENT: 'production',
	PUBLIC_APP_HOST: 'app.example.com',
	PUBLIC_PORTAL_DOMAIN: 'portal.example.com'
});

/** A charge.success for the stand-in payment, signed with the public stand-in secret, must be refused and change nothing. */
async function expectStandInWebhookRefused(send: Fetch, services: Services, reference: string) {
	vi.spyOn(console, 'warn').mockImplementation(() => {});
	const body = chargeSuccess({ reference, amount: 203_750, currency: 'USD' });
	const hook = await send('/webhooks/paystack/demo', {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-paystack-signature': await signature(body, DEV_STANDIN_SECRET) },
		body
	});
	expect(hook.status).toBe(401);
	expect((await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!.status).toBe(
		'pending'
	);
	vi.restoreAllMocks();
}

describe('local stand-in checkout (development)', () => {
	it('pays an invoice through a signed charge.success on the real webhook route, then returns to the callback page', async () => {
		const { services, url, reference } = await payNow();
		expect(url).toBe(`/dev/paystack/checkout?reference=${reference}`);
		const page = await request(hosts.demo, url, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('$2,037.50');
		expect(html).toContain('INV-0004');

		const paid = await requestSettled(hosts.demo, '/dev/paystack/checkout', {
			method: 'POST',
			form: { reference, action: 'pay' }
		});
		expect(paid.status).toBe(303);
		expect(paid.headers.get('location')).toBe(
			`/invoices/${INVOICES.sentId}/paid?trxref=${reference}&reference=${reference}`
		);
		expect(await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get()).toMatchObject({
			status: 'paid',
			amountPaidMinor: 203_750
		});
		// It went through the webhook route: the delivery was recorded like Paystack's.
		expect(await services.db.select().from(webhookEvents).where(eq(webhookEvents.reference, reference))).toHaveLength(
			1
		);
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);

		// Paying again from the same page changes nothing.
		await requestSettled(hosts.demo, '/dev/paystack/checkout', { method: 'POST', form: { reference, action: 'pay' } });
		expect(
			(await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!.amountPaidMinor
		).toBe(203_750);
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);
	});

	it('cancelling leaves the invoice unpaid and goes back to it', async () => {
		const { services, reference } = await payNow();
		const res = await request(hosts.demo, '/dev/paystack/checkout', {
			method: 'POST',
			form: { reference, action: 'cancel' }
		});
		expect(res.headers.get('location')).toBe(`/invoices/${INVOICES.sentId}`);
		expect((await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!.status).toBe(
			'pending'
		);
		expect((await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!.status).toBe(
			'sent'
		);
	});

	it('does not serve payments of a workspace that has real Paystack keys', async () => {
		const { services, reference } = await payNow();
		await configurePaystack(services, DEMO.workspaceId);
		expect((await request(hosts.demo, `/dev/paystack/checkout?reference=${reference}`)).status).toBe(404);
		expect(
			(await request(hosts.demo, '/dev/paystack/checkout', { method: 'POST', form: { reference, action: 'pay' } }))
				.status
		).toBe(404);
		expect((await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!.status).toBe(
			'sent'
		);
	});

	it('is unreachable in production, and its secret signs nothing there', async () => {
		const { services, reference } = await payNow();
		expect((await production(`/dev/paystack/checkout?reference=${reference}`)).status).toBe(404);
		const post = await production('/dev/paystack/checkout', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `reference=${reference}&action=pay`
		});
		expect(post.status).toBe(404);
		await expectStandInWebhookRefused(production, services, reference);
	});

	it('stays shut on a public host even with the development vars (a Worker deployed by mistake without --env production)', async () => {
		const { services, reference } = await payNow();
		const misdeployed = workerOn('https://coportal.example.workers.dev', { ENVIRONMENT: 'development' });
		// The same vars on a local host do serve the development helpers: the host is what differs.
		expect(
			(await request(hosts.demo, `/dev/paystack/checkout?reference=${reference}`, { headers: { accept: 'text/html' } }))
				.status
		).toBe(200);
		expect((await misdeployed(`/dev/paystack/checkout?reference=${reference}`)).status).toBe(404);
		expect((await misdeployed('/dev/outbox.json')).status).toBe(404);
		expect((await misdeployed('/dev/outbox/eml_x/attachments/0')).status).toBe(404);
		expect(
			(
				await misdeployed('/dev/login-link', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ email: DEMO.ownerEmail })
				})
			).status
		).toBe(404);
		await expectStandInWebhookRefused(misdeployed, services, reference);
	});
});
