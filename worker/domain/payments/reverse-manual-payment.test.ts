import { formatDate } from '../format';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, invoices, payments } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import { DEMO, inDays, hosts, request, scopes, seed, sessionCookie, testServices } from '../../../tests/helpers';
import type { Services } from '../../services';
import { pdfText } from '../../services/pdf/test-support';
import { getInvoice } from '../invoices/get-invoice';
import { invoicePdf } from '../invoices/invoice-pdf';
import { recordManualPayment } from './record-manual-payment';
import { reverseManualPayment } from './reverse-manual-payment';

const invoiceOf = async (services: Services, id: string = INVOICES.sentId) =>
	(await services.db.select().from(invoices).where(eq(invoices.id, id)).get())!;
const paymentOf = async (services: Services, id: string) =>
	(await services.db.select().from(payments).where(eq(payments.id, id)).get())!;
const reversals = (services: Services, paymentId: string) =>
	services.db
		.select()
		.from(activity)
		.where(and(eq(activity.verb, 'invoice.payment_reversed'), eq(activity.subjectId, paymentId)));
const PAID_ON = inDays(-2);
const form = (over: Record<string, string> = {}) => ({
	amount: '1000.50',
	paidOn: PAID_ON,
	method: 'bank_transfer',
	...over
});

/** INV-0004 ($2,037.50): $1,000.50 by bank transfer, then the rest "in cash", which was a typo. */
async function paidInFullByMistake() {
	const services = await seed(testServices());
	const s = await scopes(services);
	const transfer = await recordManualPayment({ ...s.demoOwner, invoiceId: INVOICES.sentId, input: form() });
	const cash = await recordManualPayment({
		...s.demoOwner,
		invoiceId: INVOICES.sentId,
		input: form({ amount: '1037', method: 'cash' })
	});
	await services.settle();
	expect(await invoiceOf(services)).toMatchObject({ status: 'paid', paidAt: expect.any(Number) });
	return { services, ...s, transferId: transfer.paymentId, cashId: cash.paymentId };
}

describe('reversing a manual payment', () => {
	it('takes it off the invoice with the shared refresh, keeps the row marked reversed and logs it once', async () => {
		const { services, demoOwner, cashId, transferId } = await paidInFullByMistake();

		const result = await reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, paymentId: cashId });
		expect(result).toEqual({ paymentId: cashId, duplicate: false, amountMinor: 103_700, currency: 'USD' });
		expect(await invoiceOf(services)).toMatchObject({
			status: 'partially_paid',
			amountPaidMinor: 100_050,
			paidAt: null
		});
		expect(await paymentOf(services, cashId)).toMatchObject({
			status: 'reversed',
			reversedByUserId: DEMO.ownerUserId,
			reversedAt: expect.any(Number),
			amountMinor: 103_700
		});
		expect(await paymentOf(services, transferId)).toMatchObject({ status: 'succeeded', reversedAt: null });
		const feed = await reversals(services, cashId);
		expect(feed).toHaveLength(1);
		expect(feed[0]).toMatchObject({
			actorKind: 'staff',
			actorId: DEMO.ownerUserId,
			clientId: DEMO.northwindId,
			summary: 'Payment of $1,037.00 (cash) on INV-0004 reversed'
		});

		// Again: nothing changes, no second entry.
		expect(await reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, paymentId: cashId })).toMatchObject({
			duplicate: true
		});
		expect(await reversals(services, cashId)).toHaveLength(1);

		// Reversing the other one too leaves the invoice sent, with nothing paid.
		await reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, paymentId: transferId });
		expect(await invoiceOf(services)).toMatchObject({ status: 'sent', amountPaidMinor: 0, paidAt: null });
	});

	it('reverses exactly once when the button is clicked many times at once', async () => {
		const { services, demoOwner, cashId } = await paidInFullByMistake();
		const results = await Promise.all(
			Array.from({ length: 6 }, () =>
				reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, paymentId: cashId })
			)
		);
		expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
		expect(await reversals(services, cashId)).toHaveLength(1);
		expect(await invoiceOf(services)).toMatchObject({ status: 'partially_paid', amountPaidMinor: 100_050 });
	});

	it("drops it from the client's payment history, the portal page and the PDF", async () => {
		const { services, demoOwner, casey, cashId } = await paidInFullByMistake();
		const before = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.sentId })).bytes);
		expect(before.lines).toContain('Cash');
		await reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, paymentId: cashId });

		const seen = await getInvoice({ ...casey, invoiceId: INVOICES.sentId });
		expect(seen.payments.map((p) => [p.methodLabel, p.amountMinor])).toEqual([['Bank transfer', 100_050]]);
		expect(seen.amountDueMinor).toBe(103_700);

		const after = await pdfText((await invoicePdf({ ...casey, invoiceId: INVOICES.sentId })).bytes);
		expect(after.lines).toContain('Bank transfer');
		expect(after.lines).not.toContain('Cash');
		// Staff still see the row on their page, marked reversed; in their PDF it is not a payment received.
		const staffPdf = await pdfText((await invoicePdf({ ...demoOwner, invoiceId: INVOICES.sentId })).bytes);
		expect(staffPdf.lines).not.toContain('Cash');

		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const html = await (await request(hosts.demo, `/invoices/${INVOICES.sentId}`, { cookie })).text();
		expect(html).toContain(`$1,000.50 paid on ${formatDate(PAID_ON)}`);
		expect(html).not.toContain('$1,037.00 paid on');
		expect(html).not.toContain('(cash)');
		expect(html).toContain('data-total="Paid">-$1,000.50');
	});

	it('refuses Paystack payments, failed attempts, other invoices, clients and other workspaces', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey, acmeOwner } = await scopes(services);
		const paystack = `pay_${INVOICES.paidId}`;
		await expect(
			reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.paidId, paymentId: paystack })
		).rejects.toMatchObject({ code: 'conflict', message: /refunded in your Paystack dashboard/ });
		await expect(
			reverseManualPayment({
				...demoOwner,
				invoiceId: INVOICES.overdueId,
				paymentId: `pay_${INVOICES.overdueId}_abandoned`
			})
		).rejects.toMatchObject({ code: 'conflict' });
		const seeded = `pay_${INVOICES.partialId}`; // a manual payment, but on INV-0002
		await expect(
			reverseManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, paymentId: seeded })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			reverseManualPayment({ ...casey, invoiceId: INVOICES.partialId, paymentId: seeded })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			reverseManualPayment({ ...acmeOwner, invoiceId: INVOICES.partialId, paymentId: seeded })
		).rejects.toMatchObject({ code: 'not_found' });
		expect(await paymentOf(services, paystack)).toMatchObject({ status: 'succeeded' });
		expect(await paymentOf(services, seeded)).toMatchObject({ status: 'succeeded' });
		expect(await invoiceOf(services, INVOICES.paidId)).toMatchObject({ status: 'paid' });
	});

	it('works from the staff invoice page (a confirm step without JS) and the JSON API', async () => {
		const { services, cashId, transferId } = await paidInFullByMistake();
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const page = await (await request(hosts.dashboard, `/invoices/${INVOICES.sentId}`, { cookie })).text();
		expect(page).toMatch(/<details>\s*<summary>Reverse<\/summary>\s*<form method="POST" action="\?\/reversePayment"/);
		expect(page).toContain(`name="paymentId" value="${cashId}"`);

		const ok = await request(hosts.dashboard, `/invoices/${INVOICES.sentId}?/reversePayment`, {
			cookie,
			form: { paymentId: cashId }
		});
		expect(ok.status).toBe(200);
		const okHtml = await ok.text();
		expect(okHtml).toContain('Payment of $1,037.00 reversed: it no longer counts towards INV-0004.');
		expect(okHtml).toContain('$1,037.00 is due.');
		expect(okHtml).not.toContain(`name="paymentId" value="${cashId}"`); // no Reverse action on a reversed row
		expect((await invoiceOf(services)).status).toBe('partially_paid');

		const bad = await request(hosts.dashboard, `/invoices/${INVOICES.sentId}?/reversePayment`, {
			cookie,
			form: { paymentId: 'pay_nope' }
		});
		expect(bad.status).toBe(404);

		const api = await request(hosts.dashboard, `/api/invoices/${INVOICES.sentId}/payments/${transferId}/reverse`, {
			cookie,
			method: 'POST'
		});
		expect(api.status).toBe(200);
		expect(await api.json()).toMatchObject({ paymentId: transferId, duplicate: false, amountMinor: 100_050 });
		expect(await invoiceOf(services)).toMatchObject({ status: 'sent', amountPaidMinor: 0 });
		const paystack = await request(
			hosts.dashboard,
			`/api/invoices/${INVOICES.paidId}/payments/pay_${INVOICES.paidId}/reverse`,
			{ cookie, method: 'POST' }
		);
		expect(paystack.status).toBe(409);
	});

	it('demo data: INV-0002 has a reversed typo that staff see and the client does not', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey } = await scopes(services);
		const typo = `pay_${INVOICES.partialId}_typo`;
		const staff = await getInvoice({ ...demoOwner, invoiceId: INVOICES.partialId });
		expect(staff.payments.find((p) => p.id === typo)).toMatchObject({
			status: 'reversed',
			reversedAt: expect.any(Number)
		});
		// The invoice counts only what really arrived.
		const counted = staff.payments.filter((p) => p.status === 'succeeded').reduce((sum, p) => sum + p.amountMinor, 0);
		expect(staff.invoice.amountPaidMinor).toBe(counted);
		expect((await getInvoice({ ...casey, invoiceId: INVOICES.partialId })).payments.map((p) => p.id)).not.toContain(
			typo
		);
		expect(await reversals(services, typo)).toHaveLength(1);
	});
});
