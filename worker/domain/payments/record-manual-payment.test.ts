import { formatDate } from '../format';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activity, invoices, payments } from '../../../db/schema';
import { INVOICES } from '../../dev/seed/ids';
import {
	DEMO,
	inDays,
	emailsTo,
	hosts,
	request,
	requestSettled,
	scopes,
	seed,
	sessionCookie,
	testServices
} from '../../../tests/helpers';
import type { Services } from '../../services';
import { getInvoice } from '../invoices/get-invoice';
import { recordManualPayment } from './record-manual-payment';

const invoiceOf = async (services: Services, id: string = INVOICES.sentId) =>
	(await services.db.select().from(invoices).where(eq(invoices.id, id)).get())!;
const paymentsOf = (services: Services, id: string = INVOICES.sentId) =>
	services.db
		.select()
		.from(payments)
		.where(and(eq(payments.invoiceId, id), eq(payments.provider, 'manual')));
const PAID_ON = inDays(-2);
const form = (over: Record<string, string> = {}) => ({
	amount: '1,000.50',
	paidOn: PAID_ON,
	method: 'bank_transfer',
	note: 'FNB ref 5521',
	...over
});

describe('recording a manual payment', () => {
	it('parses the amount to minor units, updates the invoice like a Paystack payment, logs it and emails receipts', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const total = (await invoiceOf(services)).totalMinor; // INV-0004: $2,037.50
		expect(total).toBe(203_750);

		const first = await recordManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, input: form() });
		expect(first).toMatchObject({ duplicate: false, amountMinor: 100_050 });
		expect(await invoiceOf(services)).toMatchObject({
			status: 'partially_paid',
			amountPaidMinor: 100_050,
			paidAt: null
		});
		const [row] = await paymentsOf(services);
		expect(row).toMatchObject({
			status: 'succeeded',
			amountMinor: 100_050,
			currency: 'USD',
			method: 'bank_transfer',
			note: 'FNB ref 5521',
			recordedByUserId: DEMO.ownerUserId,
			clientId: DEMO.northwindId,
			paidAt: Date.parse(`${PAID_ON}T12:00:00Z`)
		});
		const feed = await services.db
			.select()
			.from(activity)
			.where(and(eq(activity.verb, 'invoice.payment_received'), eq(activity.subjectId, row.id)));
		expect(feed).toHaveLength(1);
		expect(feed[0]).toMatchObject({
			actorKind: 'staff',
			actorId: DEMO.ownerUserId,
			summary: 'Payment of $1,000.50 recorded for INV-0004 (bank transfer)'
		});

		await services.settle();
		const [receipt, ...moreReceipts] = (await emailsTo(services, DEMO.caseyEmail)).filter((m) =>
			m.subject.startsWith('Receipt')
		);
		expect(moreReceipts).toEqual([]);
		expect(receipt.subject).toBe('Receipt: $1,000.50 paid on invoice INV-0004');
		expect(receipt.text).toContain(
			`We received $1,000.50 by bank transfer for invoice INV-0004 on ${formatDate(PAID_ON)}.`
		);
		expect(receipt.text).toContain('$1,037.00 is still due');
		expect(receipt.text).not.toContain('FNB ref'); // the note is for staff
		expect(receipt.attachments.map((a) => a.filename)).toEqual(['Receipt INV-0004.pdf', 'INV-0004.pdf']);
		// The rest of the team is told (with the note); the owner who recorded it is not.
		const staffNote = (await emailsTo(services, DEMO.memberEmail)).filter((m) =>
			m.subject.startsWith('Payment received')
		);
		expect(staffNote).toHaveLength(1);
		expect(staffNote[0].text).toContain('was recorded for invoice INV-0004 by Olivia Owner (note: FNB ref 5521)');
		expect((await emailsTo(services, DEMO.ownerEmail)).filter((m) => m.subject.startsWith('Payment received'))).toEqual(
			[]
		);

		// The rest, in cash: paid in full, with the paid date.
		await recordManualPayment({
			...demoOwner,
			invoiceId: INVOICES.sentId,
			input: form({ amount: '1037', method: 'cash', note: '' })
		});
		expect(await invoiceOf(services)).toMatchObject({
			status: 'paid',
			amountPaidMinor: total,
			paidAt: expect.any(Number)
		});
		await services.settle();

		// The client sees both in their payment history, without the staff note.
		const { casey } = await scopes(services);
		const seen = await getInvoice({ ...casey, invoiceId: INVOICES.sentId });
		expect(seen.payments.map((p) => [p.methodLabel, p.amountMinor, p.note])).toEqual(
			expect.arrayContaining([
				['Bank transfer', 100_050, null],
				['Cash', 103_700, null]
			])
		);
	});

	it('refuses overpayment and bad input with a message next to each field, and changes nothing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const before = await invoiceOf(services);
		const cases: [Record<string, string>, Record<string, string | RegExp>][] = [
			[{ amount: '2037.51' }, { amount: /more than the \$2,037\.50 still due on INV-0004.*at most \$2,037\.50/ }],
			[{ amount: '0' }, { amount: 'Enter an amount greater than zero.' }],
			[{ amount: '-5' }, { amount: 'Enter an amount greater than zero.' }],
			[{ amount: '10.001' }, { amount: /Enter an amount like 1,234\.50/ }],
			[{ amount: '1e3' }, { amount: /Enter an amount like/ }],
			[{ amount: '' }, { amount: 'Enter the amount received.' }],
			[{ amount: 1250.5 as unknown as string }, { amount: 'Send the amount as text in major units, like "1250.00".' }],
			[{ paidOn: '2999-01-01' }, { paidOn: 'The payment date cannot be in the future.' }],
			[{ paidOn: '20/11/2026' }, { paidOn: /Enter the date it was paid/ }],
			[{ method: 'bitcoin' }, { method: 'Choose how it was paid.' }],
			[{ note: 'x'.repeat(501) }, { note: 'Keep it under 500 characters.' }],
			[
				{ amount: '9999', paidOn: '2999-01-01' },
				{ amount: /more than/, paidOn: /future/ }
			],
			// Format errors and amount rules are reported together, not one round trip at a time.
			[
				{ amount: '9999', paidOn: 'tomorrow' },
				{ amount: /more than/, paidOn: /Enter the date it was paid/ }
			],
			[
				{ amount: '0', method: 'x' },
				{ amount: 'Enter an amount greater than zero.', method: 'Choose how it was paid.' }
			]
		];
		for (const [input, fields] of cases) {
			const error = await recordManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, input: form(input) }).catch(
				(e) => e
			);
			expect(error, JSON.stringify(input)).toMatchObject({ code: 'validation_failed' });
			for (const [field, message] of Object.entries(fields)) {
				if (typeof message === 'string') expect(error.fields[field], field).toBe(message);
				else expect(error.fields[field], field).toMatch(message);
			}
		}
		expect(await paymentsOf(services)).toEqual([]);
		expect(await invoiceOf(services)).toEqual(before);
	});

	it('records a resubmitted form once, even when both submissions arrive together', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const input = form({ requestId: 'req_3f9a0c1d2b' });
		const results = await Promise.all(
			[1, 2, 3].map(() => recordManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, input }))
		);
		expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
		expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
		expect(await recordManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, input })).toMatchObject({
			duplicate: true
		});
		expect(await paymentsOf(services)).toHaveLength(1);
		expect((await invoiceOf(services)).amountPaidMinor).toBe(100_050);
		await services.settle();
		expect((await emailsTo(services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);
	});

	it('never lets two staff recording at once overpay: the second is refused', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const results = await Promise.allSettled(
			[0, 1, 2].map(() =>
				recordManualPayment({ ...demoOwner, invoiceId: INVOICES.sentId, input: form({ amount: '2037.50' }) })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results.filter((r) => r.status === 'rejected'))
			expect((r as PromiseRejectedResult).reason).toMatchObject({
				code: expect.stringMatching(/conflict|validation_failed/)
			});
		const invoice = await invoiceOf(services);
		expect(invoice).toMatchObject({ status: 'paid', amountPaidMinor: invoice.totalMinor });
		expect(await paymentsOf(services)).toHaveLength(1);
		await services.settle();
	});

	it('refuses drafts, void and paid invoices, clients, and staff of another workspace', async () => {
		const services = await seed(testServices());
		const { demoOwner, casey, acmeOwner } = await scopes(services);
		await expect(
			recordManualPayment({ ...demoOwner, invoiceId: INVOICES.draftId, input: form() })
		).rejects.toMatchObject({ code: 'conflict', message: 'INV-0005 is a draft: send it before recording a payment.' });
		await expect(
			recordManualPayment({ ...demoOwner, invoiceId: INVOICES.voidId, input: form() })
		).rejects.toMatchObject({ code: 'conflict', message: 'INV-0006 is void: it cannot take payments.' });
		await expect(
			recordManualPayment({ ...demoOwner, invoiceId: INVOICES.paidId, input: form() })
		).rejects.toMatchObject({ code: 'conflict', message: 'INV-0001 is already paid in full.' });
		await expect(recordManualPayment({ ...casey, invoiceId: INVOICES.sentId, input: form() })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			recordManualPayment({ ...acmeOwner, invoiceId: INVOICES.sentId, input: form() })
		).rejects.toMatchObject({ code: 'not_found' });
		for (const id of [INVOICES.draftId, INVOICES.voidId, INVOICES.paidId, INVOICES.sentId])
			expect(await paymentsOf(services, id)).toEqual([]);
	});

	it('works from the staff invoice page: errors next to the fields keep what was typed; success says what is still due', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		const page = await (await request(hosts.dashboard, `/invoices/${INVOICES.sentId}`, { cookie })).text();
		expect(page).toContain('Record a payment');
		expect(page).toContain('value="2037.50"');

		const bad = await request(hosts.dashboard, `/invoices/${INVOICES.sentId}?/recordPayment`, {
			cookie,
			form: form({ amount: '5000' })
		});
		expect(bad.status).toBe(422);
		const badHtml = await bad.text();
		expect(badHtml).toMatch(/id="amount-error"[^>]*>That is more than the \$2,037\.50 still due/);
		expect(badHtml).toContain('aria-describedby="amount-error"');
		expect(badHtml).toContain('value="5000"');
		expect(badHtml).toContain('value="FNB ref 5521"');

		const ok = await requestSettled(hosts.dashboard, `/invoices/${INVOICES.sentId}?/recordPayment`, {
			cookie,
			form: form()
		});
		expect(ok.status).toBe(200);
		const okHtml = await ok.text();
		expect(okHtml).toContain('Payment of $1,000.50 recorded.');
		expect(okHtml).toContain('$1,037.00 is still due.');
		expect(okHtml).toContain('Bank transfer');
		expect((await invoiceOf(services)).status).toBe('partially_paid');

		// The JSON API is the same use case.
		const api = await requestSettled(hosts.dashboard, `/api/invoices/${INVOICES.sentId}/payments`, {
			cookie,
			json: form({ amount: '1037.00', method: 'cheque' })
		});
		expect(api.status).toBe(201);
		expect((await invoiceOf(services)).status).toBe('paid');
		const refused = await request(hosts.dashboard, `/api/invoices/${INVOICES.sentId}/payments`, {
			cookie,
			json: form({ amount: '1' })
		});
		expect(refused.status).toBe(409);
		expect(await refused.json()).toMatchObject({
			error: { code: 'conflict', message: 'INV-0004 is already paid in full.' }
		});
	});
});
