import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activity, autopayMandates, invoices, payments, recurringInvoices } from '../../../../db/schema';
import {
	chargeSuccess,
	configurePaystack,
	paystackApi,
	paystackResponses,
	signature
} from '../../../../tests/fixtures/paystack';
import {
	configureStripe,
	paymentIntent,
	sessionCompleted,
	stripeApi,
	stripeResponses,
	stripeSignature
} from '../../../../tests/fixtures/stripe';
import {
	DAY_MS,
	DEMO,
	emailsTo,
	fixedClock,
	hosts,
	requestSettled,
	scopes,
	seed,
	staffActor,
	testServices,
	type TestServices
} from '../../../../tests/helpers';
import { runScheduledJobs } from '../../../scheduled';
import { isoDay } from '../../../services/clock';
import { createRecurringInvoice } from '../../recurring/create-recurring-invoice';
import { generateRecurringInvoices } from '../../recurring/generate-recurring-invoices';
import { startPayment } from '../start-payment';
import { autopayReference, chargeAutopay } from './charge-autopay';
import { enableAutopay } from './enable-autopay';
import { getAutopayMandate } from './get-autopay-mandate';
import { revokeAutopay } from './revoke-autopay';
import { staffRevokeAutopay } from './staff-revoke-autopay';
import type { Scope } from '../../scope';

/** A USD 500.00 monthly schedule for Northwind starting today, and the first invoice it makes at once. */
async function northwindMonthly(services: TestServices, owner: Scope, names: { title: string; item: string }) {
	const { id } = await createRecurringInvoice({
		...owner,
		input: {
			clientId: DEMO.northwindId,
			title: names.title,
			currency: 'USD',
			'items.0.description': names.item,
			'items.0.quantity': '1',
			'items.0.unitPrice': '500.00',
			frequency: 'monthly',
			dueDays: '14',
			startDate: isoDay(services.clock.now())
		}
	});
	await services.settle();
	const [first] = await services.db.select().from(invoices).where(eq(invoices.recurringInvoiceId, id));
	return { id, first };
}

/**
 * Northwind on a monthly schedule starting today (its first invoice made at once), paid by Casey
 * through Paystack with a card Paystack says is reusable. `api` answers Paystack's calls and records them.
 */
async function paidOnce(
	chargeAnswer: (body: Record<string, unknown>) => Response = (b) =>
		paystackResponses.charged({
			reference: String(b.reference),
			amount: Number(b.amount),
			currency: String(b.currency),
			id: 555
		})
) {
	const clock = fixedClock();
	const api = paystackApi({
		initialize: (body) => paystackResponses.initialized(String(body.reference)),
		chargeAuthorization: chargeAnswer
	});
	const services = await seed(testServices({ clock, fetch: api }));
	// A clean slate: no schedules, and not the demo's own mandate (on Northwind's hosting).
	await services.db.delete(autopayMandates);
	await services.db.delete(recurringInvoices);
	await configurePaystack(services, DEMO.workspaceId);
	const s = await scopes(services);
	const { id, first } = await northwindMonthly(services, s.demoOwner, { title: 'Monthly retainer', item: 'Support' });
	const { reference } = await startPayment({ ...s.casey, invoiceId: first.id });
	const body = chargeSuccess({ reference, amount: first.totalMinor, currency: 'USD' });
	expect(
		(
			await requestSettled(hosts.dashboard, `/webhooks/paystack/${DEMO.slug}`, {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/json', 'x-paystack-signature': await signature(body) }
			})
		).status
	).toBe(200);
	api.calls.length = 0;
	return { clock, api, services, ...s, recurringId: id, first };
}

const charges = (api: ReturnType<typeof paystackApi>) =>
	api.calls.filter((c) => c.url.endsWith('/transaction/charge_authorization'));
const invoicesOf = (services: Awaited<ReturnType<typeof paidOnce>>['services'], id: string) =>
	services.db.select().from(invoices).where(eq(invoices.recurringInvoiceId, id)).orderBy(invoices.periodStart);

/** A month on, the schedule has made its next invoice and nothing charged it: it waits, sent, for the client to pay. */
async function expectNextInvoiceUncharged(s: Awaited<ReturnType<typeof paidOnce>>) {
	s.clock.advance(32 * DAY_MS);
	await runScheduledJobs(s.services);
	const made = await invoicesOf(s.services, s.recurringId);
	expect(made).toHaveLength(2);
	expect(made[1].status).toBe('sent');
	expect(charges(s.api)).toEqual([]);
}

afterEach(() => vi.restoreAllMocks());

describe('autopay for recurring invoices', () => {
	it('keeps the reusable card of a payment on a recurring invoice, sealed', async () => {
		const s = await paidOnce();
		const [payment] = await s.services.db.select().from(payments).where(eq(payments.invoiceId, s.first.id));
		expect(payment).toMatchObject({
			status: 'succeeded',
			reusableAuthLabel: 'Visa ending 4081',
			providerCustomer: 'client@demo.test'
		});
		expect(payment.reusableAuthEnc).toBeTruthy();
		expect(payment.reusableAuthEnc).not.toContain('AUTH_');
	});

	it('needs the client to tick the consent box; without consent the cron never charges', async () => {
		const s = await paidOnce();
		for (const input of [{}, { consent: '' }, { consent: 'no' }]) {
			await expect(
				enableAutopay({ ...s.casey, recurringId: s.recurringId, input, ip: '203.0.113.9' })
			).rejects.toMatchObject({ code: 'validation_failed', fields: { consent: expect.any(String) } });
		}
		// Staff cannot consent for the client.
		await expect(
			enableAutopay({ ...s.demoOwner, recurringId: s.recurringId, input: { consent: 'yes' }, ip: null })
		).rejects.toMatchObject({ code: 'forbidden' });
		expect(await s.services.db.select().from(autopayMandates)).toEqual([]);
		await expectNextInvoiceUncharged(s);
	});

	it('with consent, records who agreed to what, when and from where, and charges each new invoice exactly once', async () => {
		const s = await paidOnce();
		await enableAutopay({ ...s.casey, recurringId: s.recurringId, input: { consent: 'yes' }, ip: '203.0.113.9' });
		const [mandate] = await s.services.db.select().from(autopayMandates);
		expect(mandate).toMatchObject({
			provider: 'paystack',
			consentedByContactId: DEMO.caseyContactId,
			consentIp: '203.0.113.9',
			consentedAt: s.clock.now(),
			revokedAt: null,
			authLabel: 'Visa ending 4081'
		});
		expect(mandate.consentText).toContain('Visa ending 4081');
		expect(mandate.consentText).toContain('Monthly retainer');
		// The invoice already paid is not charged again.
		expect(await chargeAutopay({ services: s.services })).toBe(0);

		s.clock.advance(32 * DAY_MS);
		await generateRecurringInvoices({ services: s.services });
		const counts = await Promise.all([
			chargeAutopay({ services: s.services }),
			chargeAutopay({ services: s.services }),
			chargeAutopay({ services: s.services })
		]);
		await s.services.settle();
		expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
		const second = (await invoicesOf(s.services, s.recurringId))[1];
		expect(charges(s.api)).toHaveLength(1);
		expect(charges(s.api)[0].body).toEqual({
			authorization_code: 'AUTH_ahisucjkru',
			email: 'client@demo.test',
			amount: second.totalMinor,
			currency: 'USD',
			reference: await autopayReference(second.id)
		});
		expect((await s.services.db.select().from(invoices).where(eq(invoices.id, second.id)).get())!).toMatchObject({
			status: 'paid',
			amountPaidMinor: second.totalMinor
		});
		expect(
			(await emailsTo(s.services, DEMO.caseyEmail)).filter(
				(m) => m.subject.startsWith('Receipt') && m.subject.includes(String(second.number).padStart(4, '0'))
			)
		).toHaveLength(1);
		// Later runs charge nothing more.
		await runScheduledJobs(s.services);
		expect(charges(s.api)).toHaveLength(1);
	});

	it('once turned off, charges nothing', async () => {
		const s = await paidOnce();
		await enableAutopay({ ...s.casey, recurringId: s.recurringId, input: { consent: 'on' }, ip: null });
		await revokeAutopay({ ...s.casey, recurringId: s.recurringId });
		expect((await s.services.db.select().from(autopayMandates).get())!).toMatchObject({
			revokedAt: s.clock.now(),
			revokedByContactId: DEMO.caseyContactId
		});
		s.clock.advance(32 * DAY_MS);
		await runScheduledJobs(s.services);
		expect(await invoicesOf(s.services, s.recurringId)).toHaveLength(2);
		expect(charges(s.api)).toEqual([]);
		// Another client cannot turn it on or off for Northwind.
		await expect(
			enableAutopay({ ...s.oscar, recurringId: s.recurringId, input: { consent: 'yes' }, ip: null })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('marks a declined charge failed and does not try again', async () => {
		const s = await paidOnce((b) =>
			paystackResponses.charged({
				reference: String(b.reference),
				amount: Number(b.amount),
				currency: String(b.currency),
				status: 'failed'
			})
		);
		await enableAutopay({ ...s.casey, recurringId: s.recurringId, input: { consent: 'yes' }, ip: null });
		s.clock.advance(32 * DAY_MS);
		await runScheduledJobs(s.services);
		await runScheduledJobs(s.services);
		const second = (await invoicesOf(s.services, s.recurringId))[1];
		expect(charges(s.api)).toHaveLength(1);
		expect(second.status).toBe('sent');
		expect(await s.services.db.select().from(payments).where(eq(payments.invoiceId, second.id))).toMatchObject([
			{ status: 'failed', failureReason: expect.stringContaining('Autopay') }
		]);
	});

	it('charges a card saved with Stripe off-session, after consent', async () => {
		const clock = fixedClock();
		const calls: string[] = [];
		const api = stripeApi({
			create: (form) => stripeResponses.created(form),
			retrievePaymentIntent: (id) =>
				Response.json(paymentIntent({ id, amount: 50_000, currency: 'USD', expanded: true })),
			createPaymentIntent: (form) => {
				calls.push(form.toString());
				return Response.json(
					paymentIntent({
						id: 'pi_autopay_1',
						amount: Number(form.get('amount')),
						currency: String(form.get('currency')),
						customer: String(form.get('customer'))
					})
				);
			}
		});
		const services = await seed(testServices({ clock, fetch: api }));
		// A clean slate: no schedules, and not the demo's own mandate (on Northwind's hosting).
		await services.db.delete(autopayMandates);
		await services.db.delete(recurringInvoices);
		await configureStripe(services, DEMO.workspaceId);
		const s = await scopes(services);
		const { id, first } = await northwindMonthly(services, s.demoOwner, { title: 'Hosting', item: 'Hosting' });
		const { reference } = await startPayment({ ...s.casey, invoiceId: first.id, input: { provider: 'stripe' } });
		// The checkout keeps the card on a Customer for later: asked for only on a recurring invoice.
		expect(Object.fromEntries(api.calls[0].form)).toMatchObject({
			customer_creation: 'always',
			'payment_intent_data[setup_future_usage]': 'off_session'
		});
		const body = sessionCompleted({
			reference,
			amount: first.totalMinor,
			currency: 'USD',
			customer: 'cus_QxYzAbCdEfGh'
		});
		expect(
			(
				await requestSettled(hosts.dashboard, `/webhooks/stripe/${DEMO.slug}`, {
					method: 'POST',
					body,
					headers: { 'content-type': 'application/json', 'stripe-signature': await stripeSignature(body, clock.now()) }
				})
			).status
		).toBe(200);

		await enableAutopay({ ...s.casey, recurringId: id, input: { consent: 'yes' }, ip: null });
		expect((await services.db.select().from(autopayMandates).get())!).toMatchObject({
			provider: 'stripe',
			authLabel: 'Visa ending 4242'
		});
		clock.advance(32 * DAY_MS);
		await runScheduledJobs(services);
		await runScheduledJobs(services);
		const second = (
			await services.db.select().from(invoices).where(eq(invoices.recurringInvoiceId, id)).orderBy(invoices.periodStart)
		)[1];
		expect(calls).toHaveLength(1);
		const form = new URLSearchParams(calls[0]);
		expect(Object.fromEntries(form)).toMatchObject({
			amount: String(second.totalMinor),
			currency: 'usd',
			customer: 'cus_QxYzAbCdEfGh',
			payment_method: 'pm_1QxYzAbCdEfGhIjKcard',
			off_session: 'true',
			confirm: 'true'
		});
		expect(second).toMatchObject({ status: 'paid' });
	});
});

describe("staff and a client's autopay", () => {
	/** Casey has turned autopay on for Northwind's monthly retainer; `member` is the demo workspace's non-owner staff member. */
	async function autopayOn() {
		const s = await paidOnce();
		await enableAutopay({ ...s.casey, recurringId: s.recurringId, input: { consent: 'yes' }, ip: '203.0.113.9' });
		const member = { ...s.demoOwner, actor: await staffActor(s.services, DEMO.workspaceId, DEMO.memberUserId) };
		const mandate = async () => (await s.services.db.select().from(autopayMandates).get())!;
		return { ...s, member, mandate };
	}

	it('shows staff the active mandate: card, provider, who agreed to what and when', async () => {
		const s = await paidOnce();
		expect(await getAutopayMandate({ ...s.demoOwner, recurringId: s.recurringId })).toEqual({
			active: null,
			revoked: null
		});
		await enableAutopay({ ...s.casey, recurringId: s.recurringId, input: { consent: 'yes' }, ip: null });
		const stored = (await s.services.db.select().from(autopayMandates).get())!;
		expect(await getAutopayMandate({ ...s.demoOwner, recurringId: s.recurringId })).toEqual({
			active: {
				card: 'Visa ending 4081',
				provider: 'Paystack',
				consentedBy: s.casey.actor.kind === 'client' ? s.casey.actor.name : '',
				consentedAt: s.clock.now(),
				consentText: stored.consentText
			},
			revoked: null
		});
		expect(stored.consentText).toContain('I authorise Demo Studio to charge my Visa ending 4081');
	});

	it('lets any staff member turn it off: recorded as theirs, in the feed, the client emailed, nothing charged after', async () => {
		const s = await autopayOn();
		s.clock.advance(DAY_MS);
		expect(await staffRevokeAutopay({ ...s.member, recurringId: s.recurringId })).toEqual({ revoked: true });
		expect(await s.mandate()).toMatchObject({
			revokedAt: s.clock.now(),
			revokedByUserId: DEMO.memberUserId,
			revokedByContactId: null
		});
		const staffName = s.member.actor.kind === 'staff' ? s.member.actor.name : '';
		expect(await getAutopayMandate({ ...s.demoOwner, recurringId: s.recurringId })).toEqual({
			active: null,
			revoked: { at: s.clock.now(), by: staffName, byStaff: true }
		});
		const feed = await s.services.db.select().from(activity).where(eq(activity.verb, 'recurring.autopay_revoked'));
		expect(feed).toMatchObject([
			{
				actorKind: 'staff',
				actorId: DEMO.memberUserId,
				summary: `${staffName} turned off autopay on "Monthly retainer"`
			}
		]);
		await s.services.settle();
		const told = (await emailsTo(s.services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Autopay is off'));
		expect(told).toHaveLength(1);
		expect(told[0].subject).toBe('Autopay is off for "Monthly retainer"');

		// Turning off what is already off changes nothing and tells no one again.
		expect(await staffRevokeAutopay({ ...s.demoOwner, recurringId: s.recurringId })).toEqual({ revoked: false });
		expect((await s.mandate()).revokedByUserId).toBe(DEMO.memberUserId);
		await s.services.settle();
		expect(
			(await emailsTo(s.services, DEMO.caseyEmail)).filter((m) => m.subject.startsWith('Autopay is off'))
		).toHaveLength(1);
		expect(
			await s.services.db.select().from(activity).where(eq(activity.verb, 'recurring.autopay_revoked'))
		).toHaveLength(1);

		await expectNextInvoiceUncharged(s);
	});

	it("shows the client's own revoke as theirs", async () => {
		const s = await autopayOn();
		await revokeAutopay({ ...s.casey, recurringId: s.recurringId });
		expect(await getAutopayMandate({ ...s.demoOwner, recurringId: s.recurringId })).toEqual({
			active: null,
			revoked: { at: s.clock.now(), by: s.casey.actor.kind === 'client' ? s.casey.actor.name : '', byStaff: false }
		});
	});

	it('is not found for staff of another workspace, who can neither see nor turn it off', async () => {
		const s = await autopayOn();
		await expect(getAutopayMandate({ ...s.acmeOwner, recurringId: s.recurringId })).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(staffRevokeAutopay({ ...s.acmeOwner, recurringId: s.recurringId })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect((await s.mandate()).revokedAt).toBeNull();
	});

	it('is for staff only: the client who agreed, another client, a visitor and the scheduler are refused', async () => {
		const s = await autopayOn();
		const refusals = [
			[s.casey, 'forbidden'],
			[s.oscar, 'forbidden'],
			[s.anonymousDemo, 'unauthenticated'],
			[{ ...s.demoOwner, actor: { kind: 'system' as const, name: 'CoPortal' } }, 'forbidden']
		] as const;
		for (const [scope, code] of refusals) {
			await expect(staffRevokeAutopay({ ...scope, recurringId: s.recurringId })).rejects.toMatchObject({ code });
			await expect(getAutopayMandate({ ...scope, recurringId: s.recurringId })).rejects.toMatchObject({ code });
		}
		expect((await s.mandate()).revokedAt).toBeNull();
		s.clock.advance(32 * DAY_MS);
		await runScheduledJobs(s.services);
		expect(charges(s.api)).toHaveLength(1);
	});
});
