import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invoices, payments } from '../db/schema';
import { INVOICES } from '../worker/dev/seed/ids';
import { configurePaystack, paystackApi, paystackResponses, TEST_SECRET } from './fixtures/paystack';
import { ACME, DEMO, hosts, request, requestSettled, seed, sessionCookie, testServices } from './helpers';

async function clientCookie(contactId: string = DEMO.caseyContactId) {
	const services = await seed(testServices());
	return { services, cookie: await sessionCookie(services, { contactId }) };
}

const html = { accept: 'text/html' };

describe('portal invoice pages', () => {
	it('lists the client’s issued invoices, never drafts or other clients’', async () => {
		const { cookie } = await clientCookie();
		const res = await request(hosts.demo, '/invoices', { cookie, headers: html });
		expect(res.status).toBe(200);
		const page = await res.text();
		for (const n of ['INV-0001', 'INV-0002', 'INV-0003', 'INV-0004', 'INV-0006']) expect(page).toContain(n);
		expect(page).not.toContain('INV-0005'); // draft
		expect(page).not.toContain('INV-0007'); // Globex
		expect(page).toContain('Payment history');
	});

	it('answers 404 for a draft, another client’s or another workspace’s invoice, page and PDF alike', async () => {
		const { services, cookie } = await clientCookie();
		for (const id of [INVOICES.draftId, INVOICES.globexId, INVOICES.acmeId, 'inv_nope']) {
			expect((await request(hosts.demo, `/invoices/${id}`, { cookie, headers: html })).status, id).toBe(404);
			expect((await request(hosts.demo, `/invoices/${id}/pdf`, { cookie, headers: html })).status, id).toBe(404);
		}
		// Acme's client on Acme's portal cannot reach a demo invoice either.
		const acme = await sessionCookie(services, { contactId: ACME.clientContactId });
		expect((await request(hosts.acme, `/invoices/${INVOICES.sentId}`, { cookie: acme, headers: html })).status).toBe(
			404
		);
		// Signed out: to the login page.
		const anonymous = await request(hosts.demo, `/invoices/${INVOICES.sentId}`, { headers: html });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/login');
	});

	it('serves the PDF of an issued invoice', async () => {
		const { cookie } = await clientCookie();
		const res = await request(hosts.demo, `/invoices/${INVOICES.overdueId}/pdf`, { cookie });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="INV-0003.pdf"');
		expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
	});

	it('Pay now redirects to Paystack’s checkout, and the callback page shows the verified outcome', async () => {
		const { services, cookie } = await clientCookie();
		await configurePaystack(services, DEMO.workspaceId);
		const api = paystackApi({
			initialize: (body) => paystackResponses.initialized(String(body.reference)),
			verify: (ref) => paystackResponses.verified({ reference: ref, amount: 203_750, currency: 'USD' })
		});
		const realFetch = globalThis.fetch;
		globalThis.fetch = api;
		try {
			const page = await (await request(hosts.demo, `/invoices/${INVOICES.sentId}`, { cookie, headers: html })).text();
			expect(page).toContain('Pay $2,037.50 now');
			const pay = await request(hosts.demo, `/invoices/${INVOICES.sentId}?/pay`, { method: 'POST', form: {}, cookie });
			expect(pay.status).toBe(303);
			expect(pay.headers.get('location')).toBe('https://checkout.paystack.com/0peioxfhpn');
			expect(api.calls[0].headers.authorization).toBe(`Bearer ${TEST_SECRET}`);
			const reference = (api.calls[0].body as { reference: string }).reference;
			const back = await requestSettled(
				hosts.demo,
				`/invoices/${INVOICES.sentId}/paid?trxref=${reference}&reference=${reference}`,
				{ cookie, headers: html }
			);
			expect(back.status).toBe(200);
			expect(await back.text()).toContain('Payment received');
			expect((await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!.status).toBe(
				'paid'
			);
		} finally {
			globalThis.fetch = realFetch;
		}
	});

	it('shows Paystack’s refusal next to the Pay now button instead of failing', async () => {
		const { services, cookie } = await clientCookie();
		await configurePaystack(services, DEMO.workspaceId);
		const realFetch = globalThis.fetch;
		globalThis.fetch = paystackApi({ initialize: () => paystackResponses.invalidKey() });
		try {
			const res = await request(hosts.demo, `/invoices/${INVOICES.sentId}?/pay`, { method: 'POST', form: {}, cookie });
			expect(res.status).toBe(503);
			expect(await res.text()).toContain('Paystack could not start the payment: Invalid key');
			expect(
				(await services.db.select().from(payments).where(eq(payments.invoiceId, INVOICES.sentId)).get())!.status
			).toBe('failed');
		} finally {
			globalThis.fetch = realFetch;
		}
	});
});

describe('dashboard invoice pages', () => {
	it('shows staff every invoice with its status, overdue derived', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const page = await (await request(hosts.dashboard, '/invoices', { cookie, headers: html })).text();
		for (const n of ['INV-0001', 'INV-0005', 'INV-0007']) expect(page).toContain(n);
		expect(page).toContain('Overdue');
		const overdue = await (
			await request(hosts.dashboard, '/invoices?status=overdue', { cookie, headers: html })
		).text();
		expect(overdue).toContain('INV-0003');
		expect(overdue).not.toContain('INV-0004');
		const tab = await (
			await request(hosts.dashboard, `/clients/${DEMO.globexId}/invoices`, { cookie, headers: html })
		).text();
		expect(tab).toContain('INV-0007');
		expect(tab).not.toContain('INV-0004');
		const acmeOwner = await sessionCookie(services, { userId: ACME.ownerUserId, workspaceId: ACME.workspaceId });
		expect(
			(await request(hosts.dashboard, `/invoices/${INVOICES.sentId}`, { cookie: acmeOwner, headers: html })).status
		).toBe(404);
	});

	it('keeps the payment settings page to owners and never prints the secret key', async () => {
		const services = await seed(testServices());
		await configurePaystack(services, DEMO.workspaceId);
		const owner = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const page = await request(hosts.dashboard, '/settings/payments', { cookie: owner, headers: html });
		expect(page.status).toBe(200);
		const text = await page.text();
		expect(text).toContain(`…${TEST_SECRET.slice(-4)}`);
		expect(text).not.toContain(TEST_SECRET.slice(8, -4));
		expect(text).toContain('http://localhost:8787/webhooks/paystack/demo');
		const member = await sessionCookie(services, { userId: DEMO.memberUserId, workspaceId: DEMO.workspaceId });
		expect((await request(hosts.dashboard, '/settings/payments', { cookie: member, headers: html })).status).toBe(403);
		// A failed save gives the public key back, never the secret.
		const failed = await request(hosts.dashboard, '/settings/payments?/save', {
			method: 'POST',
			form: { publicKey: 'pk_test_short', secretKey: TEST_SECRET },
			cookie: owner
		});
		expect(failed.status).toBe(422);
		const failedText = await failed.text();
		expect(failedText).toContain('pk_test_short');
		expect(failedText).not.toContain(TEST_SECRET.slice(8, -4));
	});
});
