// The routes the benchmark measures; `floor` is the trivial route ratios are taken against.
// Each scenario: the request autocannon repeats, the status its probe must answer with
// (`expect`), and optionally `setup`, run once before the probe.
import { createHmac } from 'node:crypto';
import { get, target } from './lib.mjs';

/** A Paystack charge.success delivery for one of the seeded pending payments, signed like Paystack signs it. */
export function paystackDelivery(secretKey, payment) {
	const body = JSON.stringify({
		event: 'charge.success',
		data: {
			id: 900_000_001,
			status: 'success',
			reference: payment.reference,
			amount: payment.amountMinor,
			currency: payment.currency,
			paid_at: '2026-11-23T12:00:00.000Z',
			gateway_response: 'Successful'
		}
	});
	return { body, signature: createHmac('sha512', secretKey).update(body).digest('hex') };
}

/** A Stripe checkout.session.completed delivery for a seeded pending Stripe payment, signed like Stripe signs it (t=..., v1=HMAC-SHA256 of "t.body"). */
export function stripeDelivery(webhookSecret, payment, timestampS) {
	const body = JSON.stringify({
		id: 'evt_bench_1',
		object: 'event',
		type: 'checkout.session.completed',
		created: timestampS,
		data: {
			object: {
				id: 'cs_test_bench_1',
				object: 'checkout.session',
				client_reference_id: payment.reference,
				payment_status: 'paid',
				status: 'complete',
				amount_total: payment.amountMinor,
				currency: payment.currency.toLowerCase(),
				payment_intent: 'pi_bench_1'
			}
		}
	});
	const v1 = createHmac('sha256', webhookSecret).update(`${timestampS}.${body}`).digest('hex');
	return { body, signature: `t=${timestampS},v1=${v1}` };
}

export async function scenarios({ port, portal, cookie, staffCookie, ids }) {
	const auth = { cookie, accept: 'text/html' };
	const staff = { cookie: staffCookie, accept: 'application/json' };
	const dashboard = target(port, 'localhost');
	const delivery = paystackDelivery(ids.paystackSecret, ids.pendingPayments[0]);
	const webhook = {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-paystack-signature': delivery.signature },
		body: delivery.body
	};
	const stripePayment = ids.pendingPayments.find((p) => p.provider === 'stripe');
	const stripeHook = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' };
	/** Stripe refuses signatures older than 5 minutes, so the delivery is signed just before it is measured. */
	const signStripe = () => {
		const signed = stripeDelivery(ids.stripeWebhookSecret, stripePayment, Math.floor(Date.now() / 1000));
		stripeHook.body = signed.body;
		stripeHook.headers['stripe-signature'] = signed.signature;
	};
	signStripe();
	return [
		{ name: 'floor: GET /api/health', target: portal, path: '/api/health', floor: true, expect: 200 },
		// The cheapest page (signed out): SvelteKit, the host's workspace and one small read (the intake forms it lists).
		{
			name: 'page floor: portal sign-in page',
			target: portal,
			path: '/login',
			headers: { accept: 'text/html' },
			pageFloor: true,
			expect: 200
		},
		{ name: 'portal home', target: portal, path: '/', headers: auth, page: true, expect: 200 },
		{
			name: 'project page',
			target: portal,
			path: `/projects/${ids.projectId}`,
			headers: auth,
			page: true,
			expect: 200
		},
		{ name: 'invoice list', target: portal, path: '/invoices', headers: auth, page: true, expect: 200 },
		{
			name: 'invoice PDF download',
			target: portal,
			path: `/invoices/${ids.invoiceId}/pdf`,
			headers: { cookie },
			expect: 200,
			contentType: 'application/pdf'
		},
		// Global search (FTS5, worker/domain/search): a name that matches a few rows, and a word in every one of the 200,000 messages (the ranking's worst case).
		{
			name: 'dashboard search (client name)',
			target: dashboard,
			path: '/api/search?q=client%20250',
			headers: staff,
			expect: 200
		},
		{
			name: 'dashboard search (word in every message)',
			target: dashboard,
			path: '/api/search?q=message',
			headers: staff,
			expect: 200
		},
		// The whole workspace's 20,000 invoices as CSV, streamed 500 rows per query (worker/domain/exports).
		{
			name: 'CSV export of every invoice',
			target: dashboard,
			path: '/api/exports/invoices',
			headers: { cookie: staffCookie },
			expect: 200,
			contentType: 'text/csv'
		},
		{
			name: 'revenue view',
			target: dashboard,
			path: '/revenue',
			headers: { cookie: staffCookie, accept: 'text/html' },
			page: true,
			expect: 200
		},
		{
			name: 'magic-link request',
			target: portal,
			path: '/api/auth/login-link',
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: `http://${portal.host}` },
			body: JSON.stringify({ email: ids.clientEmail }),
			expect: 202
		},
		{
			// The first delivery (setup) applies the payment; the measured requests are Paystack's
			// repeated deliveries of it: signature check (decrypt the workspace key, HMAC-SHA512),
			// parse, one batched D1 read that finds the event already processed -> 200 "duplicate".
			name: 'Paystack webhook (repeat delivery)',
			target: dashboard,
			path: `/webhooks/paystack/${ids.workspaceSlug}`,
			...webhook,
			expect: 200,
			expectJson: { outcome: 'duplicate' },
			async setup() {
				const res = await request(dashboard, `/webhooks/paystack/${ids.workspaceSlug}`, webhook);
				const json = await res.json().catch(() => null);
				if (res.status !== 200 || json?.outcome !== 'applied')
					throw new Error(`the first webhook delivery should apply the payment: ${res.status} ${JSON.stringify(json)}`);
			}
		},
		{
			// The same for Stripe: Stripe-Signature verified by the stripe package (SubtleCrypto HMAC-SHA256,
			// timestamp tolerance), one batched D1 read -> 200 "duplicate".
			name: 'Stripe webhook (repeat delivery)',
			target: dashboard,
			path: `/webhooks/stripe/${ids.workspaceSlug}`,
			method: 'POST',
			headers: stripeHook.headers,
			get body() {
				return stripeHook.body;
			},
			expect: 200,
			expectJson: { outcome: 'duplicate' },
			async setup() {
				signStripe();
				const res = await request(dashboard, `/webhooks/stripe/${ids.workspaceSlug}`, stripeHook);
				const json = await res.json().catch(() => null);
				if (res.status !== 200 || json?.outcome !== 'applied')
					throw new Error(`the first Stripe delivery should apply the payment: ${res.status} ${JSON.stringify(json)}`);
			}
		}
	];
}

/** Portal pages whose JavaScript is measured (the scenarios' pages plus the ones not load-tested). */
export function portalPages({ ids }) {
	return [
		{ name: 'home', path: '/' },
		{ name: 'project', path: `/projects/${ids.projectId}` },
		{ name: 'invoice list', path: '/invoices' },
		{ name: 'invoice', path: `/invoices/${ids.invoiceId}` },
		{ name: 'thread', path: `/projects/${ids.projectId}/messages/${ids.threadId}` },
		{ name: 'quote', path: `/quotes/${ids.quoteId}` },
		{ name: 'contract', path: `/contracts/${ids.contractId}` },
		{ name: 'proposal next step', path: `/quotes/${ids.proposalQuoteId}/next` },
		{ name: 'recurring invoice', path: `/invoices/recurring/${ids.recurringId}` }
	];
}

/** What is wrong with a probe's answer against its scenario's `expect`, `contentType` and `expectJson`; null when nothing. Reads the body. */
export async function checkProbe(s, res) {
	if (res.status !== s.expect)
		return `probe answered ${res.status}, expected ${s.expect}: ${(await res.text()).slice(0, 200)}`;
	if (s.contentType && !res.headers.get('content-type')?.startsWith(s.contentType)) {
		await res.body?.cancel();
		return `probe content-type ${res.headers.get('content-type')}, expected ${s.contentType}`;
	}
	if (s.expectJson) {
		const json = await res.json().catch(() => null);
		for (const [key, value] of Object.entries(s.expectJson))
			if (json?.[key] !== value) return `probe answered ${JSON.stringify(json)}, expected ${key}=${value}`;
	} else await res.arrayBuffer();
	return null;
}

export function request(t, path, { method = 'GET', headers = {}, body } = {}) {
	if (method === 'GET') return get(t, path, headers);
	return fetch(`${t.origin}${path}`, { method, headers, body, redirect: 'manual' });
}

export { target };
