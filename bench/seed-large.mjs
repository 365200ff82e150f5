// Seeds a large, deterministic workspace ("bench") straight into the local D1
// SQLite file that `wrangler d1 migrations apply --local --persist-to <dir>`
// created. Direct inserts in one transaction take seconds where going through
// the Worker would take many minutes. Run before starting wrangler dev.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const SIZES = {
	clients: 500,
	projectsPerClient: 10,
	tasksPerProject: 20,
	invoicesPerClient: 40,
	quotesPerClient: 5,
	threadsPerProject: 1,
	messages: 200_000
};
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12);
const STATUSES = ['todo', 'in_progress', 'in_review', 'complete', 'in_query'];
const INVOICE_STATUSES = ['sent', 'paid', 'partially_paid', 'draft', 'void'];
const QUOTE_STATUSES = ['sent', 'viewed', 'accepted', 'declined', 'draft'];

/** mulberry32: a tiny seeded PRNG so every run seeds the same data. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const CONTRACT_BODY = `# Services agreement

This agreement is between **Bench Agency** and **Client 1 Ltd**.

## Scope

- Design of the new website
- Build and launch

## Payment

Invoices are due within 14 days.
`;

export function findD1File(persistTo) {
	const dir = path.join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
	const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
	if (!file) throw new Error(`no D1 sqlite file in ${dir}; apply migrations first`);
	return path.join(dir, file);
}

const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * The bench workspace's Paystack test keys. The secret signs the webhook
 * scenario's bodies; the server holds it encrypted with BENCH_ENCRYPTION_KEY,
 * which run.mjs passes to wrangler dev as the ENCRYPTION_KEY var.
 */
export const PAYSTACK = {
	publicKey: 'pk_test_benchpublickey0000000000',
	secretKey: 'sk_test_benchsecretkey0000000000'
};
/** Stripe connected too (a second provider): its key and webhook signing secret, sealed like save-stripe-keys.ts. */
export const STRIPE = {
	secretKey: 'sk_test_benchstripekey00000000000',
	webhookSecret: 'whsec_benchwebhooksecret0000000000'
};
export const BENCH_ENCRYPTION_KEY = createHash('sha256').update('coportal-bench-encryption-key').digest('base64');

/**
 * The same sealing as worker/services/crypto.ts encryptSecret (what
 * save-paystack-keys.ts stores): AES-256-GCM, base64url(iv || ciphertext || tag).
 */
export function sealSecret(keyB64, plaintext) {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyB64, 'base64'), iv);
	const sealed = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
	return sealed.toString('base64url');
}

/** Deterministic Paystack-style reference (same shape as newPaymentReference). */
export const benchReference = (n) =>
	`cp-${createHash('sha256').update(`bench-payment-${n}`).digest('hex').slice(0, 32)}`;

/**
 * A prepared INSERT that first checks the table against the columns it writes,
 * so a migration that renames, drops or adds a required column fails here with
 * a clear message instead of half-way through 300,000 rows.
 */
function inserter(db, table, columns) {
	const info = db.prepare(`PRAGMA table_info(${table})`).all();
	const drift = (why) =>
		new Error(`bench/seed-large.mjs is out of date with the schema: ${why}. Update the seed to match db/schema.`);
	if (!info.length) throw drift(`table ${table} does not exist`);
	const names = new Set(info.map((c) => c.name));
	const missing = columns.filter((c) => !names.has(c));
	if (missing.length) throw drift(`${table} has no column ${missing.join(', ')}`);
	const required = info
		.filter((c) => c.notnull && c.dflt_value === null && !columns.includes(c.name))
		.map((c) => c.name);
	if (required.length)
		throw drift(`${table}.${required.join(', ')} is required (NOT NULL, no default) and the seed does not set it`);
	const statement = db.prepare(
		`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
	);
	return (...values) => statement.run(...values);
}

export function seedLarge(persistTo, { encryptionKey = BENCH_ENCRYPTION_KEY } = {}) {
	const db = new DatabaseSync(findD1File(persistTo));
	const rand = prng(42);
	const pick = (list) => list[Math.floor(rand() * list.length)];
	db.exec('BEGIN');
	const ws = 'ws_bench';
	inserter(db, 'workspaces', [
		'id',
		'slug',
		'name',
		'display_name',
		'brand_color',
		'accent_color',
		'default_currency',
		'paystack_public_key',
		'paystack_secret_enc',
		'paystack_secret_last4',
		'stripe_secret_enc',
		'stripe_secret_last4',
		'stripe_webhook_secret_enc',
		'created_at',
		'updated_at'
	])(
		ws,
		'bench',
		'Bench Agency',
		'Bench Agency',
		'#1d4ed8',
		'#0f766e',
		'USD',
		PAYSTACK.publicKey,
		sealSecret(encryptionKey, PAYSTACK.secretKey),
		PAYSTACK.secretKey.slice(-4),
		sealSecret(encryptionKey, STRIPE.secretKey),
		STRIPE.secretKey.slice(-4),
		sealSecret(encryptionKey, STRIPE.webhookSecret),
		NOW,
		NOW
	);
	inserter(db, 'users', ['id', 'email', 'name', 'created_at'])(
		'usr_bench_owner',
		'owner@bench.test',
		'Bench Owner',
		NOW
	);
	inserter(db, 'memberships', ['id', 'workspace_id', 'user_id', 'role', 'email_prefs', 'accepted_at', 'created_at'])(
		'mem_bench_owner',
		ws,
		'usr_bench_owner',
		'owner',
		'{}',
		NOW,
		NOW
	);

	const client = inserter(db, 'clients', ['id', 'workspace_id', 'name', 'created_at', 'updated_at']);
	const contact = inserter(db, 'client_contacts', [
		'id',
		'workspace_id',
		'client_id',
		'name',
		'email',
		'is_primary',
		'created_at'
	]);
	const project = inserter(db, 'projects', [
		'id',
		'workspace_id',
		'client_id',
		'name',
		'description',
		'status',
		'start_date',
		'due_date',
		'created_at',
		'updated_at'
	]);
	const task = inserter(db, 'tasks', [
		'id',
		'workspace_id',
		'client_id',
		'project_id',
		'title',
		'status',
		'position',
		'due_date',
		'created_at',
		'updated_at'
	]);
	const invoice = inserter(db, 'invoices', [
		'id',
		'workspace_id',
		'client_id',
		'project_id',
		'number',
		'status',
		'issue_date',
		'due_date',
		'currency',
		'subtotal_minor',
		'tax_minor',
		'total_minor',
		'amount_paid_minor',
		'tax_bp',
		'discount_minor',
		'sent_at',
		'created_at',
		'updated_at'
	]);
	const item = inserter(db, 'invoice_items', [
		'id',
		'workspace_id',
		'invoice_id',
		'position',
		'description',
		'quantity_milli',
		'unit_price_minor',
		'amount_minor'
	]);
	const thread = inserter(db, 'threads', [
		'id',
		'workspace_id',
		'client_id',
		'project_id',
		'title',
		'internal',
		'created_by_kind',
		'last_seq',
		'last_message_at',
		'created_at'
	]);
	const payment = inserter(db, 'payments', [
		'id',
		'workspace_id',
		'client_id',
		'invoice_id',
		'provider',
		'reference',
		'amount_minor',
		'currency',
		'status',
		'paid_at',
		'created_at',
		'updated_at'
	]);
	const message = inserter(db, 'messages', [
		'id',
		'workspace_id',
		'client_id',
		'thread_id',
		'seq',
		'author_kind',
		'author_name',
		'body',
		'internal',
		'created_at'
	]);

	let invoiceNumber = 0;
	let paymentNumber = 0;
	/** The benchmark client's newest invoice it can see (not a draft): the invoice page and PDF scenarios. */
	let visibleInvoiceId = null;
	/** Pending Paystack payments (reference, amount) the webhook scenario settles. */
	const pendingPayments = [];
	const threadIds = [];
	for (let c = 1; c <= SIZES.clients; c++) {
		const clientId = `cli_bench_${c}`;
		client(clientId, ws, `Client ${c} Ltd`, NOW - c * DAY, NOW);
		contact(`con_bench_${c}`, ws, clientId, `Contact ${c}`, `client${c}@bench.test`, 1, NOW);
		for (let p = 1; p <= SIZES.projectsPerClient; p++) {
			const projectId = `prj_bench_${c}_${p}`;
			project(
				projectId,
				ws,
				clientId,
				`Project ${c}-${p}`,
				'A generated project for the benchmark.',
				p <= 7 ? 'active' : pick(['on_hold', 'complete']),
				day(NOW - 60 * DAY),
				day(NOW + p * 7 * DAY),
				NOW - p * DAY,
				NOW
			);
			for (let t = 1; t <= SIZES.tasksPerProject; t++) {
				task(
					`tsk_bench_${c}_${p}_${t}`,
					ws,
					clientId,
					projectId,
					`Task ${t} of project ${c}-${p}`,
					pick(STATUSES),
					t,
					day(NOW + t * DAY),
					NOW,
					NOW
				);
			}
			const threadId = `thr_bench_${c}_${p}`;
			threadIds.push([threadId, clientId, projectId]);
			thread(threadId, ws, clientId, projectId, `General (${c}-${p})`, 0, 'staff', 0, NOW, NOW);
		}
		for (let i = 1; i <= SIZES.invoicesPerClient; i++) {
			invoiceNumber++;
			const invoiceId = `inv_bench_${c}_${i}`;
			const a = 10_000 + Math.floor(rand() * 90_000);
			const b = 1_000 + Math.floor(rand() * 9_000);
			const subtotal = a + b;
			const tax = Math.round((subtotal * 750) / 10_000);
			const status = pick(INVOICE_STATUSES);
			const total = subtotal + tax;
			const paid = status === 'paid' ? total : status === 'partially_paid' ? Math.floor(total / 2) : 0;
			invoice(
				invoiceId,
				ws,
				clientId,
				`prj_bench_${c}_${1 + (i % SIZES.projectsPerClient)}`,
				invoiceNumber,
				status,
				day(NOW - i * 7 * DAY),
				day(NOW - i * 7 * DAY + 14 * DAY),
				'USD',
				subtotal,
				tax,
				total,
				paid,
				750,
				0,
				status === 'draft' ? null : NOW - i * 7 * DAY,
				NOW,
				NOW
			);
			if (c === 1 && status !== 'draft' && !visibleInvoiceId) visibleInvoiceId = invoiceId;
			item(`ini_bench_${c}_${i}_1`, ws, invoiceId, 1, 'Design and build', 1000, a, a);
			item(`ini_bench_${c}_${i}_2`, ws, invoiceId, 2, 'Hosting', 1000, b, b);
			// Paid and partly paid invoices have their succeeded payment; sent ones an abandoned-looking pending attempt.
			if (paid > 0 || status === 'sent') {
				paymentNumber++;
				const reference = benchReference(paymentNumber);
				const pending = status === 'sent';
				const amount = pending ? total : paid;
				// The second pending attempt is a Stripe checkout (the Stripe webhook scenario's).
				const provider = pending && pendingPayments.length === 1 ? 'stripe' : 'paystack';
				payment(
					`pay_bench_${paymentNumber}`,
					ws,
					clientId,
					invoiceId,
					provider,
					reference,
					amount,
					'USD',
					pending ? 'pending' : 'succeeded',
					pending ? null : NOW - i * 7 * DAY + DAY,
					NOW - i * 7 * DAY,
					NOW
				);
				if (pending) pendingPayments.push({ reference, amountMinor: amount, currency: 'USD', invoiceId, provider });
			}
		}
	}
	const sequence = inserter(db, 'number_sequences', ['workspace_id', 'name', 'last_value']);
	sequence(ws, 'invoice', invoiceNumber);

	// Quotes for every client (the client quote list is numbered like invoices), and one
	// contract for the benchmark's client, so their portal pages can be measured.
	const quote = inserter(db, 'quotes', [
		'id',
		'workspace_id',
		'client_id',
		'number',
		'title',
		'status',
		'currency',
		'tax_bp',
		'subtotal_minor',
		'tax_minor',
		'total_minor',
		'expires_on',
		'sent_at',
		'created_at',
		'updated_at'
	]);
	const quoteItem = inserter(db, 'quote_items', [
		'id',
		'workspace_id',
		'quote_id',
		'position',
		'description',
		'quantity_milli',
		'unit_price_minor',
		'amount_minor'
	]);
	let quoteNumber = 0;
	for (let q = 1; q <= SIZES.quotesPerClient; q++) {
		for (let c = 1; c <= SIZES.clients; c++) {
			quoteNumber++;
			const quoteId = `quo_bench_${c}_${q}`;
			const status = c === 1 && q === SIZES.quotesPerClient ? 'sent' : pick(QUOTE_STATUSES);
			quote(
				quoteId,
				ws,
				`cli_bench_${c}`,
				quoteNumber,
				`Proposal ${q} for client ${c}`,
				status,
				'USD',
				750,
				250_000,
				18_750,
				268_750,
				day(NOW + (30 - q) * DAY),
				status === 'draft' ? null : NOW - q * DAY,
				NOW - q * DAY,
				NOW
			);
			quoteItem(`qui_bench_${c}_${q}_1`, ws, quoteId, 1, 'Design', 1000, 150_000, 150_000);
			quoteItem(`qui_bench_${c}_${q}_2`, ws, quoteId, 2, 'Build', 1000, 100_000, 100_000);
		}
	}
	inserter(db, 'contracts', [
		'id',
		'workspace_id',
		'client_id',
		'project_id',
		'title',
		'body_md',
		'status',
		'document_hash',
		'sent_at',
		'created_at',
		'updated_at'
	])(
		'ctr_bench_1',
		ws,
		'cli_bench_1',
		'prj_bench_1_1',
		'Services agreement',
		CONTRACT_BODY,
		'sent',
		createHash('sha256').update(CONTRACT_BODY).digest('hex'),
		NOW,
		NOW,
		NOW
	);

	// The proposal flow's next step (an accepted quote asking for the contract above) and recurring invoices, one per client.
	inserter(db, 'quotes', [
		'id',
		'workspace_id',
		'client_id',
		'number',
		'title',
		'status',
		'currency',
		'tax_bp',
		'subtotal_minor',
		'tax_minor',
		'total_minor',
		'sent_at',
		'accepted_at',
		'contract_id',
		'project_id',
		'created_at',
		'updated_at'
	])(
		'quo_bench_proposal',
		ws,
		'cli_bench_1',
		quoteNumber + 1,
		'Proposal with a contract',
		'accepted',
		'USD',
		750,
		250_000,
		18_750,
		268_750,
		NOW - DAY,
		NOW,
		'ctr_bench_1',
		'prj_bench_1_1',
		NOW - DAY,
		NOW
	);
	sequence(ws, 'quote', quoteNumber + 1);
	const recurring = inserter(db, 'recurring_invoices', [
		'id',
		'workspace_id',
		'client_id',
		'title',
		'currency',
		'items_json',
		'subtotal_minor',
		'total_minor',
		'frequency',
		'start_date',
		'status',
		'next_period_index',
		'next_issue_on',
		'created_at',
		'updated_at'
	]);
	for (let c = 1; c <= SIZES.clients; c++) {
		recurring(
			`rec_bench_${c}`,
			ws,
			`cli_bench_${c}`,
			'Monthly retainer',
			'USD',
			JSON.stringify([{ description: 'Support', quantityMilli: 1000, unitPriceMinor: 50_000 }]),
			50_000,
			50_000,
			'monthly',
			day(NOW + 10 * DAY),
			'active',
			0,
			day(NOW + 10 * DAY),
			NOW,
			NOW
		);
	}

	const perThread = Math.ceil(SIZES.messages / threadIds.length);
	const lastSeq = db.prepare('UPDATE threads SET last_seq = ? WHERE id = ?');
	let written = 0;
	for (const [threadId, clientId] of threadIds) {
		let seq = 0;
		for (let m = 0; m < perThread && written < SIZES.messages; m++, written++) {
			seq++;
			const fromClient = rand() < 0.5;
			message(
				`msg_bench_${threadId.slice(10)}_${seq}`,
				ws,
				clientId,
				threadId,
				seq,
				fromClient ? 'client' : 'staff',
				fromClient ? 'Client' : 'Bench Owner',
				`Message ${seq} in ${threadId}`,
				0,
				NOW - (perThread - m) * 60_000
			);
		}
		lastSeq.run(seq, threadId);
	}
	db.exec('COMMIT');
	db.close();
	return {
		workspaceSlug: 'bench',
		ownerEmail: 'owner@bench.test',
		clientEmail: 'client1@bench.test',
		clientId: 'cli_bench_1',
		projectId: 'prj_bench_1_1',
		invoiceId: visibleInvoiceId,
		threadId: 'thr_bench_1_1',
		quoteId: `quo_bench_1_${SIZES.quotesPerClient}`,
		contractId: 'ctr_bench_1',
		proposalQuoteId: 'quo_bench_proposal',
		recurringId: 'rec_bench_1',
		paystackSecret: PAYSTACK.secretKey,
		stripeWebhookSecret: STRIPE.webhookSecret,
		pendingPayments,
		counts: { payments: paymentNumber }
	};
}
