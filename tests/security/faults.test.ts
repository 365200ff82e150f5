import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientContacts, emailLog, invoices, payments } from '../../db/schema';
import { INVOICES } from '../../worker/dev/seed/ids';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';
import { runScheduled } from '../../worker/scheduled';
import { createPaystackClient } from '../../worker/services/paystack';
import { STUCK_QUEUED_MS } from '../../worker/services/mail/mailer';
import { configurePaystack, paystackResponses, TEST_SECRET } from '../fixtures/paystack';
import { hangingFetch, resendResponses } from '../fixtures/resend';
import { DEMO, hosts, linkIn, seed, sessionCookie, testClock, testServices, type TestServices } from '../helpers';

// Resend or Paystack down or slow: the person gets a clear answer promptly, and
// nothing they did is lost (emails wait in email_log for the scheduled retry;
// a payment attempt never claims to be paid).

const RESEND_ENV = { RESEND_API_KEY: 're_test_key' } as Partial<Env>;

type Outbound = { url: string; headers: Record<string, string>; signal: boolean };

/**
 * Replaces the outside world at the fetch boundary for the Worker itself
 * (services fall back to globalThis.fetch): `answer` gets each outbound
 * request to Resend or Paystack; anything else is a test failure.
 */
function stubOutbound(answer: (req: Request, init?: RequestInit) => Response | Promise<Response>) {
	const calls: Outbound[] = [];
	vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
		const req = new Request(input, init);
		if (!/^https:\/\/api\.(resend\.com|paystack\.co)\//.test(req.url))
			throw new Error(`unexpected outbound request to ${req.url}`);
		calls.push({ url: req.url, headers: Object.fromEntries(req.headers), signal: init?.signal instanceof AbortSignal });
		return answer(req, init);
	});
	return calls;
}

/** What AbortSignal.timeout does to a fetch when the provider does not answer in time. */
const timedOut = () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));

/** A request through the whole Worker with extra vars (e.g. a Resend key), waiting for its deferred work. */
async function send(
	vars: Partial<Env>,
	host: string,
	path: string,
	init: { cookie?: string; form?: Record<string, string>; accept?: string } = {}
) {
	const headers = new Headers({ accept: init.accept ?? 'text/html' });
	if (init.cookie) headers.set('cookie', init.cookie);
	let body: string | undefined;
	if (init.form) {
		headers.set('content-type', 'application/x-www-form-urlencoded');
		headers.set('origin', `http://${host}`);
		body = new URLSearchParams(init.form).toString();
	}
	const ctx = createExecutionContext();
	const response = await worker.fetch(
		new Request(`http://${host}${path}`, {
			method: init.form ? 'POST' : 'GET',
			headers,
			body,
			redirect: 'manual'
		}) as Request<unknown, IncomingRequestCfProperties>,
		{ ...env, ...vars } as Env,
		ctx
	);
	const html = await response.text();
	await waitOnExecutionContext(ctx);
	return { response, html };
}

async function scheduled(vars: Partial<Env>) {
	const ctx = createExecutionContext();
	await runScheduled({ ...env, ...vars } as Env, ctx, testClock.now());
	await waitOnExecutionContext(ctx);
}

/** Lets the retry time of every failed email pass (the backoff is minutes; the test does not wait). */
async function retryTimeHasCome(services: TestServices) {
	await services.db
		.update(emailLog)
		.set({ nextAttemptAt: testClock.now() - 1 })
		.where(eq(emailLog.status, 'failed'));
}

afterEach(() => vi.restoreAllMocks());

describe('Resend down or slow', () => {
	it('staff invite a contact while Resend answers 500: the page says it will follow, the log keeps it, the cron sends it', async () => {
		const services = await seed(testServices());
		const staff = await sessionCookie(services, { userId: DEMO.ownerUserId, workspaceId: DEMO.workspaceId });
		let resendUp = false;
		const calls = stubOutbound(() => (resendUp ? resendResponses.ok() : resendResponses.serverError()));

		const { response, html } = await send(
			RESEND_ENV,
			hosts.dashboard,
			`/clients/${DEMO.northwindId}/contacts/${DEMO.caseyContactId}?/invite`,
			{
				cookie: staff,
				form: { requestId: 'req-1' }
			}
		);
		expect(response.status).toBe(200);
		expect(html).toContain(
			`The mail service is not answering right now. The invitation to ${DEMO.caseyEmail} is saved and will be sent automatically`
		);
		expect(html).not.toContain('Invitation sent to');
		// Promptly: one attempt with a timeout on the request path, the retries left to the cron.
		expect(calls).toHaveLength(1);
		expect(calls[0].signal).toBe(true);
		// The action happened: the contact shows as invited.
		const contact = await services.db
			.select()
			.from(clientContacts)
			.where(eq(clientContacts.id, DEMO.caseyContactId))
			.get();
		expect(contact!.lastInvitedAt).not.toBeNull();
		let [row] = await services.db
			.select()
			.from(emailLog)
			.where(and(eq(emailLog.to, DEMO.caseyEmail), eq(emailLog.tag, 'invite')));
		expect(row).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('Resend 500') });
		expect(row.nextAttemptAt).toBeGreaterThan(testClock.now());

		// Still down at the first retry: it stays queued for the next one.
		await retryTimeHasCome(services);
		await scheduled(RESEND_ENV);
		[row] = await services.db.select().from(emailLog).where(eq(emailLog.id, row.id));
		expect(row).toMatchObject({ status: 'failed', attempts: 2 });

		// Resend is back: the next scheduled run delivers it, with the same idempotency key every time.
		resendUp = true;
		await retryTimeHasCome(services);
		await scheduled(RESEND_ENV);
		[row] = await services.db.select().from(emailLog).where(eq(emailLog.id, row.id));
		expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
		expect(calls.map((c) => c.headers['idempotency-key'])).toEqual([row.id, row.id, row.id]);
		expect(calls.every((c) => c.signal)).toBe(true);
		// A run after that sends nothing more.
		await scheduled(RESEND_ENV);
		expect(calls).toHaveLength(3);
	});

	it('a client asks for a sign-in link while Resend times out: the same reply at once, and the link arrives with the retry', async () => {
		const services = await seed(testServices());
		let resendUp = false;
		const calls = stubOutbound(() => (resendUp ? resendResponses.ok() : timedOut()));
		const { response, html } = await send(RESEND_ENV, hosts.demo, '/login', { form: { email: DEMO.caseyEmail } });
		expect(response.status).toBe(200);
		expect(html).toContain('Check your email');
		expect(calls).toHaveLength(1);
		expect(calls[0].signal).toBe(true);
		let [row] = await services.db
			.select()
			.from(emailLog)
			.where(and(eq(emailLog.to, DEMO.caseyEmail), eq(emailLog.tag, 'login')));
		expect(row).toMatchObject({ status: 'failed', lastError: 'Resend unreachable: timed out' });

		resendUp = true;
		await retryTimeHasCome(services);
		await scheduled(RESEND_ENV);
		[row] = await services.db.select().from(emailLog).where(eq(emailLog.id, row.id));
		expect(row.status).toBe('sent');
		expect(calls).toHaveLength(2);
		// The link in the delivered email still signs in.
		const link = new URL(linkIn(row.text));
		const confirm = await send(RESEND_ENV, hosts.demo, `${link.pathname}${link.search}`, { form: {} });
		expect(confirm.response.status).toBe(303);
		expect(confirm.response.headers.get('set-cookie')).toContain('cp_session=');
	});

	it('an email left "queued" by a Worker that died mid-send is picked up by the cron, once', async () => {
		const services = await seed(testServices());
		const calls = stubOutbound(() => resendResponses.ok());
		const base = {
			workspaceId: DEMO.workspaceId,
			to: 'x@demo.test',
			from: 'CoPortal <a@b.c>',
			subject: 'Stuck',
			text: 't',
			html: '<p>t</p>',
			tag: 'test',
			attachments: [],
			status: 'queued' as const
		};
		await services.db.insert(emailLog).values([
			{ ...base, id: 'eml_stuck', createdAt: testClock.now() - STUCK_QUEUED_MS - 1000 },
			// Still in flight (written a moment ago): not touched.
			{ ...base, id: 'eml_in_flight', createdAt: testClock.now() - 1000 }
		]);
		await scheduled(RESEND_ENV);
		const rows = await services.db
			.select({ id: emailLog.id, status: emailLog.status })
			.from(emailLog)
			.where(eq(emailLog.subject, 'Stuck'));
		expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
			eml_stuck: 'sent',
			eml_in_flight: 'queued'
		});
		expect(calls.map((c) => c.headers['idempotency-key'])).toEqual(['eml_stuck']);
		await scheduled(RESEND_ENV);
		expect(calls).toHaveLength(1);
	});
});

describe('Paystack down or slow', () => {
	async function payNow(answer: Parameters<typeof stubOutbound>[0]) {
		const services = await seed(testServices());
		await configurePaystack(services, DEMO.workspaceId);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const before = await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get();
		const calls = stubOutbound(answer);
		const result = await send({}, hosts.demo, `/invoices/${INVOICES.sentId}?/pay`, { cookie: casey, form: {} });
		const attempts = await services.db.select().from(payments).where(eq(payments.invoiceId, INVOICES.sentId));
		const after = await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get();
		return { ...result, services, casey, calls, attempts, before, after };
	}

	for (const [what, answer, message] of [
		[
			'answers 502 with an HTML page',
			() => new Response('<html>Bad Gateway</html>', { status: 502 }),
			'Paystack answered 502. Please try again.'
		],
		[
			'answers 500 with its error shape',
			() => Response.json({ status: false, message: 'An error occurred' }, { status: 500 }),
			'An error occurred'
		],
		['does not answer in time', timedOut, 'Paystack did not answer. Please try again in a moment.']
	] as const) {
		it(`Pay now when Paystack ${what}: a clear message on the invoice, promptly, and nothing claims to be paid`, async () => {
			const r = await payNow(answer);
			expect(r.response.status).toBe(503);
			// Shown as the form's alert on the invoice page itself, not on an error page.
			expect(r.html).toMatch(
				new RegExp(`<p class="alert alert-error" role="alert">[^<]*${message.replace(/[.?]/g, '\\$&')}`)
			);
			expect(r.html).toContain('<dt>Issued</dt>');
			expect(r.calls).toHaveLength(1);
			expect(r.calls[0].signal).toBe(true); // the call carries a timeout
			expect(r.attempts).toHaveLength(1);
			expect(r.attempts[0]).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('Paystack') });
			expect(r.after).toEqual(r.before);
		});
	}

	it('the return page while Paystack verify is down says "not confirmed yet", and a later check applies the payment', async () => {
		const services = await seed(testServices());
		await configurePaystack(services, DEMO.workspaceId);
		const casey = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		let paystackUp = false;
		let reference = '';
		let amount = 0;
		stubOutbound(async (req) => {
			if (req.url.endsWith('/transaction/initialize')) {
				({ reference, amount } = (await req.json()) as { reference: string; amount: number });
				return paystackResponses.initialized(reference);
			}
			return paystackUp ? paystackResponses.verified({ reference, amount, currency: 'USD' }) : timedOut();
		});
		const pay = await send({}, hosts.demo, `/invoices/${INVOICES.sentId}?/pay`, { cookie: casey, form: {} });
		expect(pay.response.status).toBe(303);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const back = await send({}, hosts.demo, `/invoices/${INVOICES.sentId}/paid?reference=${reference}`, {
			cookie: casey
		});
		expect(back.response.status).toBe(200);
		expect(back.html).toContain('Payment not confirmed yet');
		expect(JSON.stringify(warn.mock.calls)).toContain('paystack verify unavailable');
		expect((await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!.status).toBe(
			'pending'
		);

		paystackUp = true;
		const again = await send({}, hosts.demo, `/invoices/${INVOICES.sentId}/paid?reference=${reference}`, {
			cookie: casey
		});
		expect(again.response.status).toBe(200);
		expect((await services.db.select().from(payments).where(eq(payments.reference, reference)).get())!.status).toBe(
			'succeeded'
		);
		expect((await services.db.select().from(invoices).where(eq(invoices.id, INVOICES.sentId)).get())!.status).toBe(
			'paid'
		);
	});

	it('every Paystack call really gives up after its timeout', async () => {
		const signals: AbortSignal[] = [];
		const hanging = ((input: RequestInfo | URL, init?: RequestInit) => {
			if (init?.signal) signals.push(init.signal);
			return hangingFetch(input, init);
		}) as typeof fetch;
		const client = createPaystackClient({ fetch: hanging, secretKey: TEST_SECRET, timeoutMs: 50 });
		// The provider never answers: the call ends only because its own timeout aborted it.
		await expect(client.verify('cp-x')).rejects.toMatchObject({
			name: 'ServiceUnavailableError',
			message: 'Paystack did not answer. Please try again in a moment.'
		});
		expect(signals).toHaveLength(1);
		expect(signals[0].aborted).toBe(true);
		expect((signals[0].reason as DOMException).name).toBe('TimeoutError');
	});
});
