import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invoices, payments, webhookEvents } from '../../db/schema';
import { INVOICES } from '../dev/seed/ids';
import { ACME, emailsTo, hosts, request, requestSettled, seed, sessionCookie, testServices } from '../../tests/helpers';
import worker from '../index';

/** Acme's demo takes both providers; its client picks Stripe (the stand-in key, development). */
async function payWithStripe() {
	const services = await seed(testServices());
	const cookie = await sessionCookie(services, { contactId: ACME.clientContactId });
	const res = await request(hosts.acme, `/api/invoices/${INVOICES.acmeId}/pay`, {
		method: 'POST',
		cookie,
		json: { provider: 'stripe' }
	});
	expect(res.status).toBe(200);
	const { url, reference } = (await res.json()) as { url: string; reference: string };
	return { services, cookie, url, reference };
}

async function production(path: string, init: RequestInit = {}) {
	const ctx = createExecutionContext();
	const vars = {
		ENVIRONMENT: 'production',
		PUBLIC_APP_HOST: 'app.example.com',
		PUBLIC_PORTAL_DOMAIN: 'portal.example.com'
	};
	const res = await worker.fetch(
		new Request(`https://acme.portal.example.com${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
		{ ...env, ...vars },
		ctx
	);
	await waitOnExecutionContext(ctx);
	return res;
}

describe('local stand-in Stripe checkout (development)', () => {
	it('pays through a signed checkout.session.completed on the real Stripe webhook route, then returns to the success URL', async () => {
		const { services, url, reference } = await payWithStripe();
		expect(url).toBe(`/dev/stripe/checkout?reference=${reference}`);
		const page = await request(hosts.acme, url, { headers: { accept: 'text/html' } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Development stand-in for Stripe');

		const paid = await requestSettled(hosts.acme, '/dev/stripe/checkout', {
			method: 'POST',
			form: { reference, action: 'pay' }
		});
		expect(paid.status).toBe(303);
		expect(paid.headers.get('location')).toBe(`/invoices/${INVOICES.acmeId}/paid?reference=${reference}`);
		const invoice = (await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.acmeId)).get())!;
		expect(invoice).toMatchObject({ status: 'paid', amountPaidMinor: invoice.totalMinor });
		expect(await services.db.select().from(webhookEvents).where(eq(webhookEvents.reference, reference))).toMatchObject([
			{ provider: 'stripe' }
		]);
		expect(
			(await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!.providerTransactionId
		).toMatch(/^pi_standin_/);

		// Paying again from the same page changes nothing.
		await requestSettled(hosts.acme, '/dev/stripe/checkout', { method: 'POST', form: { reference, action: 'pay' } });
		expect(
			(await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.acmeId)).get())!.amountPaidMinor
		).toBe(invoice.totalMinor);
		expect((await emailsTo(services, ACME.clientEmail)).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);
	});

	it('does not serve Paystack payments, and is unreachable in production', async () => {
		const { reference } = await payWithStripe();
		expect((await request(hosts.acme, `/dev/paystack/checkout?reference=${reference}`)).status).toBe(404);
		expect((await production(`/dev/stripe/checkout?reference=${reference}`)).status).toBe(404);
		expect(
			(
				await production('/dev/stripe/checkout', {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: `reference=${reference}&action=pay`
				})
			).status
		).toBe(404);
	});

	it('shows both providers on the portal invoice, and one Pay button each', async () => {
		const { cookie } = await payWithStripe();
		const html = await (
			await request(hosts.acme, `/invoices/${INVOICES.acmeId}`, { cookie, headers: { accept: 'text/html' } })
		).text();
		expect(html).toMatch(/name="provider" value="paystack"[^>]*>Pay .* now with Paystack</);
		expect(html).toMatch(/name="provider" value="stripe"[^>]*>Pay .* now with Stripe</);
	});
});
